// Swagger UI over the node's OpenAPI document. Reading the document and trying calls both carry
// the token the operator signed in to the console with (sessionStorage, this origin only).
'use strict';

(function start() {
  const token = sessionStorage.getItem('gridlet.token');
  if (!token) {
    document.getElementById('api-message').textContent =
      'Sign in to the console first (/console): the API document is read with your token.';
  }
  window.ui = SwaggerUIBundle({
    url: '/openapi/gridlet-1.yml',
    dom_id: '#swagger-ui',
    deepLinking: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: (request) => {
      if (token) {
        request.headers.Authorization = `Bearer ${token}`;
      }
      return request;
    },
  });
}());
