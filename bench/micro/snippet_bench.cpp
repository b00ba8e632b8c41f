// Snippet cutting (query::SnippetMaker) as a search does it: one maker per
// query, then a snippet from each hit's stored text. The query for a post is
// three words of its own title, so the snippet has matches to mark.

#include <benchmark/benchmark.h>

#include <xapian.h>

#include <cctype>

#include "bench/micro/inputs.hpp"
#include "cli/json_printer.hpp"
#include "query/snippet.hpp"

namespace idx::bench {
namespace {

// Stemmed, lower-cased words of at least four letters, as the query builder's terms are.
std::vector<std::string> query_terms(const std::string& title, const Xapian::Stem& stem, std::size_t count) {
    std::vector<std::string> terms;
    std::string word;
    for (std::size_t k = 0; k <= title.size() && terms.size() < count; ++k) {
        const auto c = k < title.size() ? static_cast<unsigned char>(title[k]) : ' ';
        if (std::isalpha(c)) {
            word += static_cast<char>(std::tolower(c));
        } else {
            if (word.size() >= 4) terms.push_back(stem(word));
            word.clear();
        }
    }
    return terms;
}

void BM_Snippet(benchmark::State& state) {
    const std::vector<InputPost>& inputs = input_posts();
    const Xapian::Stem stem("english");
    std::vector<std::vector<std::string>> terms;
    for (const InputPost& input : inputs) terms.push_back(query_terms(input.post.title, stem, 3));
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::size_t n = i++ % inputs.size();
        query::SnippetMaker maker(stem, terms[n]);
        query::Snippet snippet = maker.make(inputs[n].post.text);
        benchmark::DoNotOptimize(snippet);
        bytes += static_cast<std::int64_t>(inputs[n].post.text.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Snippet);

// The same with the HTML escaping and <mark> tags the JSON output adds.
void BM_SnippetHtml(benchmark::State& state) {
    const std::vector<InputPost>& inputs = input_posts();
    const Xapian::Stem stem("english");
    std::vector<std::vector<std::string>> terms;
    for (const InputPost& input : inputs) terms.push_back(query_terms(input.post.title, stem, 3));
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t n = i++ % inputs.size();
        query::SnippetMaker maker(stem, terms[n]);
        std::string html = cli::snippet_html(maker.make(inputs[n].post.text));
        benchmark::DoNotOptimize(html);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SnippetHtml);

}  // namespace
}  // namespace idx::bench
