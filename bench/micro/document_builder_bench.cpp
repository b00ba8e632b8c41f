// Term generation: DocumentBuilder::build (stemmed positional terms, title
// weighting, values, document data, spelling words) for already-parsed posts.

#include <benchmark/benchmark.h>

#include "bench/micro/inputs.hpp"
#include "indexer/document_builder.hpp"

namespace idx::bench {
namespace {

void BM_DocumentBuild(benchmark::State& state) {
    const std::vector<InputPost>& inputs = input_posts();
    const IndexSettings settings;
    indexer::DocumentBuilder builder(settings);
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const InputPost& input = inputs[i++ % inputs.size()];
        indexer::BuiltDocument built = builder.build(input.post, input.source);
        benchmark::DoNotOptimize(built);
        bytes += static_cast<std::int64_t>(input.post.text.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_DocumentBuild);

}  // namespace
}  // namespace idx::bench
