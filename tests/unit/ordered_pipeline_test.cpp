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

INSTANTIATE_TEST_SUITE_P(Shapes, RunOrdered,
                         ::testing::Values(Shape{0, 2, 4}, Shape{1, 2, 4}, Shape{100, 1, 1}, Shape{100, 2, 2},
                                           Shape{500, 4, 8}, Shape{37, 3, 64},
                                           // Degenerate settings are raised to something that works.
                                           Shape{20, 0, 0}, Shape{20, 4, 1}),
                         [](const ::testing::TestParamInfo<Shape>& p) {
                             return std::to_string(p.param.count) + "_items_" + std::to_string(p.param.threads) +
                                    "_threads_window_" + std::to_string(p.param.window);
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

TEST(RunOrdered, MoveOnlyResults) {
    std::vector<int> seen;
    run_ordered<std::unique_ptr<int>>(
        10, 2, 3, [](unsigned, std::size_t i) { return std::make_unique<int>(static_cast<int>(i) * 2); },
        [&](std::size_t, std::unique_ptr<int> p) { seen.push_back(*p); });
    EXPECT_EQ(seen, (std::vector<int>{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}));
}

}  // namespace
}  // namespace idx::indexer
