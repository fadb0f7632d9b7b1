/**
 * The member's side of a call: {@link io.gridlet.node.internal.invoke.member.FunctionRuntime} resolves the
 * function and takes its permit, then hands the call to one strategy: {@code PlainExecution},
 * {@code IdempotentExecution} or {@code TransactionalExecution}. The routed entry comes from the
 * transport: {@code OwnerRoutedEntry} under the member's key lock ({@code KeyLocks}),
 * {@code EntryProcessorRoutedEntry}, or {@code TransactionalRoutedEntry}.
 */
package io.gridlet.node.internal.invoke.member;
