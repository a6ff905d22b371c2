/** The recent log lines a process keeps for clients that ask for them. */
package io.jdask.distributed.logs;
