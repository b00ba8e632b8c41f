#pragma once
// Runs work(worker, i) for i in [0, count) on `threads` worker threads
// (worker in [0, threads), so each thread can own its tools) and hands each
// result to consume(i, result) on the calling thread, in index order. At most
// `window` results wait at once, which bounds memory however fast the workers
// are. This is how parsing runs on every core while one writer stores.
//
// run_ordered_within also bounds what waits by cost (idx add: file bytes):
// an item is started only while the costs of the items started but not yet
// consumed stay within `budget`; an item alone may exceed it, so a huge one
// runs by itself. run_ordered_settled then replaces an item's cost by what
// settle(i, result) says its result costs, once it is made (idx add: the
// built document's memory, which for a post of many distinct words is many
// times its bytes), so later items wait for the writer to catch up.
// When the system refuses threads (a process or memory
// limit), the work runs on fewer, or on the calling thread alone.
//
// A consumed result is destroyed by the next worker that starts an item, not
// by the calling thread, and its cost counts until then: in idx add the
// calling thread is the writer, which paces the run, and a built document is
// hundreds of allocations to free. consume gets the result as an rvalue: one
// that takes it by value destroys it itself, one that takes Result&& leaves it
// to the workers. A result that costs more than its share of the budget
// (budget / window) is destroyed at once by the calling thread, so a large
// one never outlives its consumption (the last items are started before it
// is consumed, and no worker would come for it).

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace idx::indexer {

template <typename Result, typename Cost, typename Settle, typename Work, typename Consume>
void run_ordered_settled(std::size_t count, unsigned threads, std::size_t window, std::uint64_t budget, Cost&& cost,
                         Settle&& settle, Work&& work, Consume&& consume) {
    if (threads == 0) threads = 1;
    if (window < threads) window = threads;
    std::vector<std::optional<Result>> slots(window);
    std::vector<std::uint64_t> slot_costs(window);  // each result's settled cost
    std::mutex mutex;
    std::condition_variable slot_filled;
    std::condition_variable slot_freed;
    std::size_t next_to_claim = 0;
    std::size_t next_to_consume = 0;
    std::uint64_t in_flight = 0;  // cost of the items claimed and not yet freed
    std::vector<Result> spent;    // consumed, waiting for a worker to free them
    std::uint64_t spent_cost = 0;
    spent.reserve(window);
    bool stop = false;
    std::exception_ptr failure;

    const auto worker = [&](unsigned worker_index) {
        std::vector<Result> to_free;
        to_free.reserve(window);
        for (;;) {
            std::size_t i = 0;
            std::uint64_t freed_cost = 0;
            {
                std::unique_lock lock(mutex);
                slot_freed.wait(lock, [&] {
                    if (stop || next_to_claim >= count) return true;
                    if (next_to_claim >= next_to_consume + window) return false;
                    return next_to_claim == next_to_consume || in_flight + cost(next_to_claim) <= budget;
                });
                if (stop || next_to_claim >= count) return;
                i = next_to_claim++;
                in_flight += cost(i);
                to_free.swap(spent);
                freed_cost = std::exchange(spent_cost, 0);
            }
            if (!to_free.empty()) {
                to_free.clear();  // the destructors run here, on this worker
                {
                    std::lock_guard lock(mutex);
                    in_flight -= freed_cost;
                }
                slot_freed.notify_all();
            }
            std::optional<Result> result;
            std::uint64_t settled = 0;
            try {
                result.emplace(work(worker_index, i));
                settled = settle(i, *result);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
                slot_filled.notify_all();
                slot_freed.notify_all();
                return;
            }
            std::lock_guard lock(mutex);
            in_flight = in_flight - cost(i) + settled;
            slot_costs[i % window] = settled;
            slots[i % window] = std::move(result);
            slot_filled.notify_all();
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) {
        try {
            pool.emplace_back(worker, t);
        } catch (const std::system_error&) {
            break;  // refused (RLIMIT_NPROC, TasksMax, address space): go on with those made
        }
    }
    if (pool.empty()) {  // not even one: the calling thread does the work itself
        for (std::size_t i = 0; i < count; ++i) consume(i, work(0u, i));
        return;
    }

    try {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint64_t settled = 0;
            Result result = [&] {
                std::unique_lock lock(mutex);
                slot_filled.wait(lock, [&] { return stop || slots[i % window].has_value(); });
                if (stop) throw std::runtime_error("worker failed");
                Result taken = std::move(*slots[i % window]);
                slots[i % window].reset();
                settled = slot_costs[i % window];
                next_to_consume = i + 1;
                return taken;
            }();
            slot_freed.notify_all();
            consume(i, std::move(result));
            if (settled > budget / window) {
                { [[maybe_unused]] const Result large = std::move(result); }
                {
                    std::lock_guard lock(mutex);
                    in_flight -= settled;
                }
                slot_freed.notify_all();
                continue;
            }
            std::lock_guard lock(mutex);
            spent.push_back(std::move(result));
            spent_cost += settled;
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

template <typename Result, typename Cost, typename Work, typename Consume>
void run_ordered_within(std::size_t count, unsigned threads, std::size_t window, std::uint64_t budget, Cost&& cost,
                        Work&& work, Consume&& consume) {
    run_ordered_settled<Result>(
        count, threads, window, budget, cost, [&](std::size_t i, const Result&) { return cost(i); },
        std::forward<Work>(work), std::forward<Consume>(consume));
}

template <typename Result, typename Work, typename Consume>
void run_ordered(std::size_t count, unsigned threads, std::size_t window, Work&& work, Consume&& consume) {
    run_ordered_within<Result>(
        count, threads, window, std::numeric_limits<std::uint64_t>::max(), [](std::size_t) { return std::uint64_t{0}; },
        std::forward<Work>(work), std::forward<Consume>(consume));
}

}  // namespace idx::indexer
