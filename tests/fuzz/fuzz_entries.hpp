#pragma once
// What each fuzz target does with one input. Kept apart from libFuzzer's
// entry point so the same code replays saved inputs in an ordinary test
// (tests/reliability/fuzz_regression_test.cpp) built with g++. Besides not
// crashing, each entry checks a few properties that must hold for any input
// and aborts when one does not, so the fuzzer reports it like a crash.
// No std::views pipelines here or in what it includes: clang 14 cannot
// compile libstdc++ 12's.

#include <string_view>

namespace idx::fuzz {

void front_matter(std::string_view data);   // split_front_matter + parse_front_matter
void html_text(std::string_view data);      // html_to_text (gumbo and the deep-nesting fallback)
void markdown(std::string_view data);       // shortcodes, Liquid, Markdown to HTML to text
void post_date(std::string_view data);      // parse_post_date and its formatters
void query(std::string_view data);          // QueryBuilder::build and a search over a small index
void post_document(std::string_view data);  // parse_post + DocumentBuilder::build, the whole path

}  // namespace idx::fuzz
