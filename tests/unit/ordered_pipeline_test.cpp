#include "indexer/ordered_pipeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

namespace idx::indexer {
namespace {

struct Shape {
    std::size_t count;
    unsigned threads;
    std::size_t window;
};

class RunOrdered : public ::testing::TestWithParam<Shape> {};

TEST_P(RunOrdered, ConsumesEveryResultInOrder) {
    const Shape s = GetParam();
    std::vector<std::size_t> consumed;
    std::vector<std::string> results;
    std::mutex workers_mutex;
    std::set<unsigned> workers_seen;
    run_ordered<std::string>(
        s.count, s.threads, s.window,
        [&](unsigned worker, std::size_t i) {
            {
                std::lock_guard lock(workers_mutex);
                workers_seen.insert(worker);
            }
            // Uneven work, so later items often finish first.
            if (i % 7 == 0) std::this_thread::yield();
            return "r" + std::to_string(i * i);
        },
        [&](std::size_t i, std::string result) {
            consumed.push_back(i);
            results.push_back(std::move(result));
        });
    ASSERT_EQ(consumed.size(), s.count);
    for (std::size_t i = 0; i < s.count; ++i) {
        EXPECT_EQ(consumed[i], i);
        EXPECT_EQ(results[i], "r" + std::to_string(i * i));
    }
    for (const unsigned worker : workers_seen) EXPECT_LT(worker, std::max(1u, s.threads));
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, RunOrdered,
    ::testing::Values(Shape{.count = 0, .threads = 2, .window = 4}, Shape{.count = 1, .threads = 2, .window = 4},
                      Shape{.count = 100, .threads = 1, .window = 1}, Shape{.count = 100, .threads = 2, .window = 2},
                      Shape{.count = 500, .threads = 4, .window = 8}, Shape{.count = 37, .threads = 3, .window = 64},
                      // Degenerate settings are raised to something that works.
                      Shape{.count = 20, .threads = 0, .window = 0}, Shape{.count = 20, .threads = 4, .window = 1}),
    [](const ::testing::TestParamInfo<Shape>& p) {
        return std::to_string(p.param.count) + "_items_" + std::to_string(p.param.threads) + "_threads_window_" +
               std::to_string(p.param.window);
    });

// At most `window` results are claimed ahead of the one being consumed: work
// may not run ahead while the consumer is slow.
TEST(RunOrdered, WindowBoundsWorkAhead) {
    constexpr std::size_t kWindow = 4;
    std::atomic<std::size_t> consumed{0};
    std::atomic<std::size_t> furthest_ahead{0};
    run_ordered<std::size_t>(
        60, 3, kWindow,
        [&](unsigned, std::size_t i) {
            const std::size_t ahead = i - consumed.load();
            std::size_t seen = furthest_ahead.load();
            while (ahead > seen && !furthest_ahead.compare_exchange_weak(seen, ahead)) {
            }
            return i;
        },
        [&](std::size_t i, std::size_t) {
            // A slow consumer gives the workers every chance to run ahead.
            if (i % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            consumed.store(i + 1);
        });
    EXPECT_LE(furthest_ahead.load(), kWindow);
    EXPECT_GE(furthest_ahead.load(), 1u) << "the workers never ran ahead at all";
}

TEST(RunOrdered, ExceptionInWorkPropagates) {
    std::vector<std::size_t> consumed;
    try {
        run_ordered<int>(
            200, 3, 8,
            [](unsigned, std::size_t i) {
                if (i == 37) throw std::invalid_argument("bad item 37");
                return static_cast<int>(i);
            },
            [&](std::size_t i, int) { consumed.push_back(i); });
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "bad item 37");
    }
    // What was consumed is an unbroken run from 0 that stops before the failure.
    for (std::size_t k = 0; k < consumed.size(); ++k) EXPECT_EQ(consumed[k], k);
    EXPECT_LT(consumed.size(), 38u);
}

TEST(RunOrdered, ExceptionInConsumePropagates) {
    std::atomic<std::size_t> worked{0};
    try {
        run_ordered<int>(
            1000, 2, 4,
            [&](unsigned, std::size_t i) {
                ++worked;
                return static_cast<int>(i);
            },
            [](std::size_t i, int) {
                if (i == 5) throw std::runtime_error("consumer failed");
            });
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "consumer failed");
    }
    // The workers stopped instead of running through all the input.
    EXPECT_LE(worked.load(), 5u + 1u + 4u + 2u);
}

// idx add's memory bound: the items started and not yet consumed cost at most
// the budget together, except one item alone (a post larger than the budget).
// Seen from here, the item being handed to the consumer still counts for a
// moment after the pipeline let it go, so it is left out of the check.
TEST(RunOrderedWithin, CostOfWorkAheadStaysWithinTheBudget) {
    constexpr std::size_t kCount = 300;
    constexpr std::uint64_t kBudget = 100;
    const auto cost = [](std::size_t i) -> std::uint64_t { return i % 13 == 0 ? 250 : 10 + i % 40; };
    std::mutex mutex;
    std::vector<bool> started(kCount, false);
    std::uint64_t in_flight = 0;
    std::size_t items_in_flight = 0;
    std::uint64_t most = 0;
    std::string violation;
    std::vector<std::size_t> consumed;
    run_ordered_within<std::size_t>(
        kCount, 4, 64, kBudget, cost,
        [&](unsigned, std::size_t i) {
            {
                std::lock_guard lock(mutex);
                started[i] = true;
                in_flight += cost(i);
                ++items_in_flight;
                most = std::max(most, in_flight);
                const std::size_t next = consumed.size();
                const bool handover = next != i && started[next];
                const std::uint64_t others = in_flight - (handover ? cost(next) : 0);
                if (others > kBudget && items_in_flight - (handover ? 1 : 0) > 1 && violation.empty())
                    violation = "item " + std::to_string(i) + " started with " + std::to_string(others) + " in flight";
            }
            if (i % 5 == 0) std::this_thread::yield();
            return i;
        },
        [&](std::size_t i, std::size_t) {
            {
                std::lock_guard lock(mutex);
                in_flight -= cost(i);
                --items_in_flight;
                consumed.push_back(i);
            }
            if (i % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
    EXPECT_EQ(violation, "") << "work ran ahead past the budget";
    EXPECT_GE(most, 250u) << "the large items run (alone)";
    ASSERT_EQ(consumed.size(), kCount);
    for (std::size_t i = 0; i < consumed.size(); ++i) EXPECT_EQ(consumed[i], i);
}

// idx add's writer stores a document and leaves freeing it to the parse
// threads: only the last results are freed on the consuming thread, those
// handed over after the last item was started (at most the window, and the
// one being handed over then).
TEST(RunOrdered, ResultsTakenAsRvaluesAreFreedByTheWorkers) {
    constexpr std::size_t kCount = 200;
    constexpr std::size_t kWindow = 8;
    struct Probe {
        std::mutex* mutex;
        std::vector<std::thread::id>* freed_by;
        ~Probe() {
            std::lock_guard lock(*mutex);
            freed_by->push_back(std::this_thread::get_id());
        }
    };
    std::mutex mutex;
    std::vector<std::thread::id> freed_by;
    std::size_t consumed = 0;
    run_ordered<std::unique_ptr<Probe>>(
        kCount, 2, kWindow,
        [&](unsigned, std::size_t) {
            return std::unique_ptr<Probe>(new Probe{&mutex, &freed_by});
        },
        [&](std::size_t, std::unique_ptr<Probe>&& probe) { consumed += probe != nullptr; });
    EXPECT_EQ(consumed, kCount);
    ASSERT_EQ(freed_by.size(), kCount) << "each result is freed once";
    const auto by_consumer = std::count(freed_by.begin(), freed_by.end(), std::this_thread::get_id());
    EXPECT_LE(static_cast<std::size_t>(by_consumer), kWindow + 1);
}

TEST(RunOrdered, MoveOnlyResults) {
    std::vector<int> seen;
    run_ordered<std::unique_ptr<int>>(
        10, 2, 3, [](unsigned, std::size_t i) { return std::make_unique<int>(static_cast<int>(i) * 2); },
        [&](std::size_t, std::unique_ptr<int> p) { seen.push_back(*p); });
    EXPECT_EQ(seen, (std::vector<int>{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}));
}

}  // namespace
}  // namespace idx::indexer
