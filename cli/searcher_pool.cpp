#include "cli/searcher_pool.hpp"

namespace idx::cli {

SearcherPool::SearcherPool(DatabaseSet databases) : m_databases(std::move(databases)) {}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<query::Searcher> searcher)
    : m_pool(&pool), m_searcher(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
    if (m_searcher) m_pool->give_back(std::move(m_searcher));
}

SearcherPool::Lease SearcherPool::acquire() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<query::Searcher> searcher = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(searcher));
        }
    }
    // Opened outside the lock: opening reads the disk.
    return Lease(*this, std::make_unique<query::Searcher>(m_databases));
}

void SearcherPool::give_back(std::unique_ptr<query::Searcher> searcher) {
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(searcher));
}

}  // namespace idx::cli
