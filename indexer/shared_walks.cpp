#include "indexer/shared_walks.hpp"

namespace idx::indexer {

std::shared_ptr<const WalkResult> SharedWalks::walk(const std::string& root) {
    using Result = std::shared_ptr<const WalkResult>;
    std::promise<Result> walked_here;
    std::shared_future<Result> result;
    bool first = false;
    {
        std::lock_guard lock(m_mutex);
        auto [it, inserted] = m_walks.try_emplace(root);
        if (inserted) it->second = walked_here.get_future().share();
        result = it->second;
        first = inserted;
    }
    if (first) {  // walked outside the lock: the other roots' walks need not wait for this one
        try {
            walked_here.set_value(std::make_shared<const WalkResult>(indexer::walk(root, m_options)));
        } catch (...) {
            walked_here.set_exception(std::current_exception());
        }
    }
    return result.get();
}

}  // namespace idx::indexer
