#include "bench/micro/inputs.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "indexer/post_file.hpp"
#include "indexer/post_parser.hpp"

namespace idx::bench {
namespace {

namespace fs = std::filesystem;

// Enough posts to cover short and long bodies; few enough to stay in cache
// like a run's working set of one parsing thread.
constexpr std::size_t kMaxPosts = 64;

std::string input_folder() {
    if (const char* dir = std::getenv("IDX_MICRO_POSTS"); dir != nullptr && *dir != '\0') return dir;
    const fs::path shared = fs::path(IDX_SHARED_DIR) / "corpus" / "whenitson" / "_posts";
    if (fs::is_directory(shared)) return shared.string();
    return IDX_SAMPLE_POSTS;
}

std::vector<std::string> post_paths(const std::string& folder) {
    std::vector<std::string> paths;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && indexer::is_post_extension(entry.path().string()))
            paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.size() <= kMaxPosts) return paths;
    // An even spread over the sorted names: every month, every length.
    std::vector<std::string> spread;
    for (std::size_t i = 0; i < kMaxPosts; ++i) spread.push_back(paths[i * paths.size() / kMaxPosts]);
    return spread;
}

std::vector<InputPost> read_inputs() {
    const std::string folder = input_folder();
    std::vector<InputPost> inputs;
    for (const std::string& path : post_paths(folder)) {
        indexer::PostFile file = indexer::read_post_file(path, 16u * 1024 * 1024);
        if (file.status != indexer::ReadStatus::ok) continue;
        indexer::ParseResult parsed = indexer::parse_post(path, file.content, indexer::ParseOptions{});
        if (parsed.status != indexer::ParseStatus::post) continue;
        parsed.post.path = path;
        inputs.push_back(InputPost{path, std::move(file.content), std::move(file.source), std::move(parsed.post)});
    }
    std::size_t bytes = 0;
    for (const InputPost& input : inputs) bytes += input.content.size();
    std::cerr << "idx_micro: " << inputs.size() << " posts (" << bytes / 1024 << " KiB) from " << folder << "\n";
    if (inputs.empty()) {
        std::cerr << "idx_micro: no posts to measure\n";
        std::exit(1);
    }
    return inputs;
}

}  // namespace

const std::vector<InputPost>& input_posts() {
    static const std::vector<InputPost> inputs = read_inputs();
    return inputs;
}

}  // namespace idx::bench
