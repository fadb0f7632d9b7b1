{{- define "gridlet.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gridlet.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gridlet.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The headless service whose DNS records the members find each other by. */}}
{{- define "gridlet.headless" -}}
{{- printf "%s-hs" (include "gridlet.fullname" .) -}}
{{- end -}}

{{- define "gridlet.secretName" -}}
{{- default (printf "%s-tokens" (include "gridlet.fullname" .)) .Values.tokens.existingSecret -}}
{{- end -}}

{{/* Split-brain minimum: the value given, else a majority of the replicas from three up, else 0 (off). */}}
{{- define "gridlet.splitBrainMinimum" -}}
{{- if ne (toString .Values.splitBrainMinimum) "" -}}
{{- .Values.splitBrainMinimum -}}
{{- else if ge (int .Values.replicaCount) 3 -}}
{{- add (div (int .Values.replicaCount) 2) 1 -}}
{{- else -}}
0
{{- end -}}
{{- end }}
