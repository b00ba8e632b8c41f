// HTML to text (gumbo) over real post bodies: the largest share of parsing.

#include <benchmark/benchmark.h>

#include <string_view>
#include <variant>
#include <vector>

#include "bench/micro/inputs.hpp"
#include "indexer/front_matter.hpp"
#include "indexer/html_text.hpp"

namespace idx::bench {
namespace {

std::vector<std::string_view> bodies() {
    std::vector<std::string_view> out;
    for (const InputPost& input : input_posts()) {
        const auto split = indexer::split_front_matter(input.content);
        if (const auto* block = std::get_if<indexer::FrontMatterBlock>(&split)) out.push_back(block->body);
    }
    return out;
}

void BM_HtmlToText(benchmark::State& state) {
    const std::vector<std::string_view> html = bodies();
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::string_view body = html[i++ % html.size()];
        indexer::HtmlText text = indexer::html_to_text(body);
        benchmark::DoNotOptimize(text);
        bytes += static_cast<std::int64_t>(body.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_HtmlToText);

}  // namespace
}  // namespace idx::bench
