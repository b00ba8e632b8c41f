#include "cli/allocator.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <cstddef>

// jemalloc's control interface, when the program is linked with jemalloc (the
// idx executable; not the tests, not sanitizer builds): a weak reference,
// null otherwise.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp, std::size_t newlen)
    __attribute__((weak));

namespace idx::cli {
namespace {

void* do_nothing(void*) {
    return nullptr;
}

// RLIMIT_NPROC or a cgroup's task limit: jemalloc would print to stderr.
bool system_grants_a_thread() {
    pthread_t thread;
    if (pthread_create(&thread, nullptr, do_nothing, nullptr) != 0) return false;
    pthread_join(thread, nullptr);
    return true;
}

// Under an address-space limit (ulimit -v) purging stays where it was: the
// background thread's stack and jemalloc's deferred purging hold more address
// space at the peak (measured: 20 posts and one of 15 MiB under 300 MiB ran
// out of memory while committing, where inline purging stores the 20).
bool address_space_is_limited() {
    rlimit limit{};
    return getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY;
}

}  // namespace

void return_memory_in_background() {
    if (mallctl == nullptr || address_space_is_limited() || !system_grants_a_thread()) return;
    bool enable = true;
    // A failure leaves purging where it was, on the freeing threads: slower, never wrong.
    (void)mallctl("background_thread", nullptr, nullptr, &enable, sizeof enable);
}

}  // namespace idx::cli
