/** Inputs and outputs as payloads: JSON by Jackson, raw bytes as they are, decoders built once per type. */
package io.gridlet.node.internal.codec;
