#pragma once
// Posts written by the reliability tests and stress programs: many, varied,
// reproducible from a seed, each findable by a word only it holds.

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace idx::test {

// A word no generated text contains except the post it names: `zq` and
// letters spelling n, so a search for it must return exactly that post.
std::string marker_word(std::size_t n);

// A small HTML post with front matter (title, date, author, categories,
// tags, permalink) and a few paragraphs of words, holding marker_word(n).
std::string generated_post(std::size_t n, std::mt19937& rng);

// Writes posts first..first+count-1 as `<dir>/YYYY-MM-DD-post-N.html`
// (under a few subfolders) and returns their paths.
std::vector<std::string> write_generated_posts(const std::string& dir, std::size_t first, std::size_t count,
                                               std::uint32_t seed);

}  // namespace idx::test
