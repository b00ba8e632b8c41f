#pragma once
// Searchers for a server's worker threads. A Xapian::Database may not be
// used by two threads at once, so each request borrows a Searcher of its own
// (made on first need, kept for the next request); at most as many exist as
// requests ran at once. Each Searcher reopens itself when `idx add` commits.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "query/search.hpp"

namespace idx::cli {

class SearcherPool {
public:
    explicit SearcherPool(DatabaseSet databases);

    // A Searcher borrowed for one request; given back when the lease ends.
    class Lease {
    public:
        Lease(SearcherPool& pool, std::unique_ptr<query::Searcher> searcher);
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        query::Searcher& operator*() const { return *m_searcher; }
        query::Searcher* operator->() const { return m_searcher.get(); }

    private:
        SearcherPool* m_pool;
        std::unique_ptr<query::Searcher> m_searcher;
    };

    // Throws what opening the database throws (Xapian::Error) when no idle
    // Searcher is left and the database cannot be opened.
    Lease acquire();

    const DatabaseSet& databases() const { return m_databases; }

private:
    void give_back(std::unique_ptr<query::Searcher> searcher);

    DatabaseSet m_databases;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<query::Searcher>> m_idle;
};

}  // namespace idx::cli
