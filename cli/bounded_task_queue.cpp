#include "cli/bounded_task_queue.hpp"

namespace idx::cli {
namespace {

thread_local bool t_turning_away = false;

}  // namespace

BoundedTaskQueue::BoundedTaskQueue(std::size_t workers, std::size_t max_waiting) : m_max_waiting(max_waiting) {
    for (std::size_t i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(m_main, false); });
    m_threads.emplace_back([this] { work(m_overflow, true); });
}

BoundedTaskQueue::~BoundedTaskQueue() {
    shutdown();
}

bool BoundedTaskQueue::turning_away() {
    return t_turning_away;
}

void BoundedTaskQueue::enqueue(std::function<void()> task) {
    Lane* lane = nullptr;
    {
        const std::lock_guard lock(m_mutex);
        lane = m_main.tasks.size() < m_max_waiting ? &m_main : &m_overflow;
        lane->tasks.push_back(std::move(task));
    }
    lane->ready.notify_one();
}

void BoundedTaskQueue::shutdown() {
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty()) return;
        m_stopping = true;
    }
    m_main.ready.notify_all();
    m_overflow.ready.notify_all();
    for (std::thread& thread : m_threads) thread.join();
    m_threads.clear();
}

void BoundedTaskQueue::work(Lane& lane, bool turn_away) {
    t_turning_away = turn_away;
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            lane.ready.wait(lock, [&] { return m_stopping || !lane.tasks.empty(); });
            if (lane.tasks.empty()) return;  // stopping, and nothing left to close
            task = std::move(lane.tasks.front());
            lane.tasks.pop_front();
        }
        task();
    }
}

}  // namespace idx::cli
