#pragma once
// At most N holders at once, let in strictly in the order they came (a
// ticket queue). std::counting_semaphore wakes waiters in no set order; under
// load some requests waited for many turns (idx serve's p99 43 ms against a
// median of 9 ms, bench/RESULTS.md).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace idx::cli {

class Turnstile {
public:
    explicit Turnstile(std::uint64_t slots) : m_free(slots) {}

    // Holds one slot for its lifetime.
    class Pass {
    public:
        explicit Pass(Turnstile& turnstile) : m_turnstile(turnstile) { m_turnstile.enter(); }
        ~Pass() { m_turnstile.leave(); }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;

    private:
        Turnstile& m_turnstile;
    };

private:
    // Each waiter sleeps on its own condition variable, so a slot that frees
    // wakes only the next in line (notify_all woke every waiter each time).
    void enter() {
        std::unique_lock lock(m_mutex);
        if (m_free > 0 && m_waiting.empty()) {
            --m_free;
            return;
        }
        Waiter me;
        m_waiting.push_back(&me);
        me.turn.wait(lock, [&] { return me.admitted; });
    }
    void leave() {
        const std::lock_guard lock(m_mutex);
        if (m_waiting.empty()) {
            ++m_free;
            return;
        }
        Waiter* next = m_waiting.front();
        m_waiting.pop_front();
        next->admitted = true;  // the slot passes straight to it
        next->turn.notify_one();
    }

    struct Waiter {
        std::condition_variable turn;
        bool admitted = false;
    };
    std::mutex m_mutex;
    std::deque<Waiter*> m_waiting;  // in the order they came
    std::uint64_t m_free;           // slots nobody holds
};

}  // namespace idx::cli
