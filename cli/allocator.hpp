#pragma once
// How idx hands freed memory back to the system. The settings read at
// start-up are in main.cpp (malloc_conf); this is what a subcommand turns on
// for itself. A no-op where jemalloc is not linked (tests, sanitizer builds).

namespace idx::cli {

// From now on jemalloc's own background thread returns freed pages to the
// system (madvise), instead of whichever thread frees: for idx add, the
// writer thread, which paces a full build. Measured on the 4,374 whenitson
// posts (-j 2): the writer made 7,586 madvise calls, each a TLB shootdown
// that waits for the other core; with this, 2, and its CPU time fell by 19-33%
// in three paired runs. Memory is returned on the same schedule: peak RSS 68
// MB either way. Nothing happens when the system refuses a thread (jemalloc
// would print a line saying so) or under an address-space limit.
void return_memory_in_background();

}  // namespace idx::cli
