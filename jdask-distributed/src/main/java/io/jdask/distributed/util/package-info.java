/**
 * Small data structures shared by the scheduler's and the workers' state machines (not API: public only so
 * that both packages can use them).
 */
package io.jdask.distributed.util;
