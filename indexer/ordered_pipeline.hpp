#pragma once
// Runs work(worker, i) for i in [0, count) on `threads` worker threads
// (worker in [0, threads), so each thread can own its tools) and hands each
// result to consume(i, result) on the calling thread, in index order. At most
// `window` results wait at once, which bounds memory however fast the workers
// are. This is how parsing runs on every core while one writer stores.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace idx::indexer {

template <typename Result, typename Work, typename Consume>
void run_ordered(std::size_t count, unsigned threads, std::size_t window, Work&& work, Consume&& consume) {
    if (threads == 0) threads = 1;
    if (window < threads) window = threads;
    std::vector<std::optional<Result>> slots(window);
    std::mutex mutex;
    std::condition_variable slot_filled;
    std::condition_variable slot_freed;
    std::size_t next_to_claim = 0;
    std::size_t next_to_consume = 0;
    bool stop = false;
    std::exception_ptr failure;

    const auto worker = [&](unsigned worker_index) {
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock lock(mutex);
                slot_freed.wait(lock, [&] { return stop || next_to_claim >= count || next_to_claim < next_to_consume + window; });
                if (stop || next_to_claim >= count) return;
                i = next_to_claim++;
            }
            std::optional<Result> result;
            try {
                result.emplace(work(worker_index, i));
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
                slot_filled.notify_all();
                slot_freed.notify_all();
                return;
            }
            std::lock_guard lock(mutex);
            slots[i % window] = std::move(result);
            slot_filled.notify_all();
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);

    try {
        for (std::size_t i = 0; i < count; ++i) {
            Result result = [&] {
                std::unique_lock lock(mutex);
                slot_filled.wait(lock, [&] { return stop || slots[i % window].has_value(); });
                if (stop) throw std::runtime_error("worker failed");
                Result taken = std::move(*slots[i % window]);
                slots[i % window].reset();
                return taken;
            }();
            {
                std::lock_guard lock(mutex);
                next_to_consume = i + 1;
            }
            slot_freed.notify_all();
            consume(i, std::move(result));
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        slot_freed.notify_all();
        for (std::thread& t : pool) t.join();
        if (failure) std::rethrow_exception(failure);
        throw;
    }
    for (std::thread& t : pool) t.join();
}

}  // namespace idx::indexer
