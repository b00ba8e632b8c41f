#include "cli/turnstile.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace idx::cli {
namespace {

TEST(Turnstile, LetsWaitersInInTheOrderTheyCame) {
    Turnstile turnstile(1);
    std::mutex mutex;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    {
        const Turnstile::Pass held(turnstile);
        for (int id = 0; id < 4; ++id) {
            waiters.emplace_back([&, id] {
                const Turnstile::Pass pass(turnstile);
                const std::lock_guard lock(mutex);
                order.push_back(id);
            });
            // Each is queued before the next comes (generous, for a loaded machine).
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
        }
    }
    for (std::thread& t : waiters) t.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

TEST(Turnstile, HoldsNoMoreThanItsSlotsAtOnce) {
    Turnstile turnstile(2);
    std::mutex mutex;
    int inside = 0;
    int most = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            for (int round = 0; round < 50; ++round) {
                const Turnstile::Pass pass(turnstile);
                {
                    const std::lock_guard lock(mutex);
                    most = std::max(most, ++inside);
                }
                std::this_thread::yield();
                const std::lock_guard lock(mutex);
                --inside;
            }
        });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_LE(most, 2);
}

}  // namespace
}  // namespace idx::cli
