/** CDI beans of the gate, active only where CDI is: the request's {@link dev.tollgate.api.Caller}. */
package dev.tollgate.impl.cdi;
