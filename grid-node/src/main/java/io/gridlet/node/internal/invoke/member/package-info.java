/**
 * The member's side of a call: {@link io.gridlet.node.internal.invoke.member.FunctionRuntime} resolves the
 * function and takes its permit, then hands the call to one strategy: {@code PlainExecution},
 * {@code IdempotentExecution} or {@code TransactionalExecution}. The routed entry comes from the
 * transport: {@code EntryProcessorRoutedEntry} over the entry a partition operation handed over
 * (a plain call by key, {@code CallByKeyOperation}, or the opt-in entry-processor transport);
 * {@code OwnerRoutedEntry} under the member's key lock ({@code KeyLocks}), written back with a
 * compare-and-set, for a call with an idempotency key; or {@code TransactionalRoutedEntry}.
 */
package io.gridlet.node.internal.invoke.member;
