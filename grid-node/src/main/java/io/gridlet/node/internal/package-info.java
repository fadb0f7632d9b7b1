/**
 * The engine behind {@code io.gridlet.node}, promising nothing between releases: nothing outside
 * grid-node may use it, and the build checks that the management layer, the test kit and the
 * samples do not. This package holds only the composition root, {@link
 * io.gridlet.node.internal.MemberServices}, which builds a member's services in dependency order;
 * the areas below it never reach back to it.
 * <ul>
 * <li>{@code cluster}: the Hazelcast configuration, split-brain protection, the member's context;</li>
 * <li>{@code codec}: payloads to and from JSON;</li>
 * <li>{@code invoke}: a call, by side: {@code caller}, {@code wire}, {@code member};</li>
 * <li>{@code registry}: name to runnable function;</li>
 * <li>{@code deploy}: jars, the catalog, class loaders;</li>
 * <li>{@code trigger}: map events, schedules, topics;</li>
 * <li>{@code stats}: what each member holds; {@code metrics}: meter names.</li>
 * </ul>
 * Each area with wire types registers them through its own serializer hook.
 */
package io.gridlet.node.internal;
