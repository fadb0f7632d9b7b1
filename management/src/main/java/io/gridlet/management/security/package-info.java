/** Bearer tokens with the roles admin and viewer, checked by Micronaut Security. */
package io.gridlet.management.security;
