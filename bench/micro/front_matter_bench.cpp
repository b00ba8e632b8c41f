// Front matter: finding the YAML block and reading it with yaml-cpp, per post;
// and the whole pure parse of a file's bytes to a Post, for scale.

#include <benchmark/benchmark.h>

#include <variant>

#include "bench/micro/inputs.hpp"
#include "indexer/front_matter.hpp"
#include "indexer/post_parser.hpp"

namespace idx::bench {
namespace {

void BM_FrontMatter(benchmark::State& state) {
    const std::vector<InputPost>& inputs = input_posts();
    const KeyMapping keys;
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::string& content = inputs[i++ % inputs.size()].content;
        const auto split = indexer::split_front_matter(content);
        const auto* block = std::get_if<indexer::FrontMatterBlock>(&split);
        if (block == nullptr) {
            state.SkipWithError("a post without front matter");
            break;
        }
        auto parsed = indexer::parse_front_matter(block->yaml, keys);
        benchmark::DoNotOptimize(parsed);
        bytes += static_cast<std::int64_t>(block->yaml.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_FrontMatter);

void BM_ParsePost(benchmark::State& state) {
    const std::vector<InputPost>& inputs = input_posts();
    const indexer::ParseOptions options;
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const InputPost& input = inputs[i++ % inputs.size()];
        indexer::ParseResult result = indexer::parse_post(input.path, input.content, options);
        benchmark::DoNotOptimize(result);
        bytes += static_cast<std::int64_t>(input.content.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ParsePost);

}  // namespace
}  // namespace idx::bench
