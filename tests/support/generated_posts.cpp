#include "tests/support/generated_posts.hpp"

#include <cstdio>
#include <filesystem>
#include <iterator>
#include <sstream>

#include "tests/support/files.hpp"

namespace idx::test {
namespace fs = std::filesystem;

std::string marker_word(std::size_t n) {
    // Consonants other than s and y: no stemmer suffix rule can touch a word
    // without vowels, so every marker stays its own term.
    static constexpr std::string_view kLetters = "bcdfghjkmnpqrtvwxz";
    std::string word = "zq";
    for (int k = 0; k < 4; ++k) {
        word += kLetters[n % kLetters.size()];
        n /= kLetters.size();
    }
    return word;
}

std::string generated_post(std::size_t n, std::mt19937& rng) {
    static constexpr std::string_view kWords[] = {
        "river",   "garden", "market",  "council", "harbour", "festival", "weather", "library",  "bridge",
        "school",  "train",  "museum",  "orchard", "village", "concert",  "storm",   "lantern",  "volunteer",
        "meeting", "budget", "ferry",   "meadow",  "bakery",  "cyclist",  "theatre", "election", "harvest",
        "science", "river",  "evening", "morning", "summer",  "winter",   "island",  "valley",   "quarter"};
    static constexpr std::string_view kAuthors[] = {"Maria Lopez", "Sam Okafor", "Staff Writer",
                                                    "Ada Byrne",   "Li Wei",     "Jonas Berg"};
    static constexpr std::string_view kCategories[] = {"news", "community", "science", "culture", "sport"};
    const auto pick = [&](const auto& list) {
        return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)];
    };
    std::ostringstream post;
    post << "---\ntitle: \"Post " << n << ": " << pick(kWords) << " and " << pick(kWords) << "\"\n"
         << "date: " << 2010 + (n / 336) % 10 << "-" << (n / 28) % 12 + 1 << "-" << n % 28 + 1 << " 10:" << n % 60 / 10
         << n % 10 << ":00\n"
         << "author: " << pick(kAuthors) << "\ncategories: [" << pick(kCategories) << ", " << pick(kCategories)
         << "]\ntags: \"" << pick(kWords) << ", " << pick(kWords) << "\"\npermalink: /posts/" << n << "/\n---\n";
    const int paragraphs = std::uniform_int_distribution<int>(3, 6)(rng);
    const int marker_at = std::uniform_int_distribution<int>(0, paragraphs - 1)(rng);
    for (int p = 0; p < paragraphs; ++p) {
        post << "<p>";
        const int words = std::uniform_int_distribution<int>(15, 40)(rng);
        for (int w = 0; w < words; ++w) post << (w ? " " : "") << pick(kWords);
        if (p == marker_at) post << " " << marker_word(n);
        post << ".</p>\n";
    }
    return post.str();
}

std::vector<std::string> write_generated_posts(const std::string& dir, std::size_t first, std::size_t count,
                                               std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> paths;
    for (std::size_t n = first; n < first + count; ++n) {
        const std::string folder = dir + "/" + static_cast<char>('a' + n % 4);
        fs::create_directories(folder);
        char name[64];
        std::snprintf(name, sizeof name, "%04zu-%02zu-%02zu-post-%zu.html", 2010 + (n / 336) % 10, (n / 28) % 12 + 1,
                      n % 28 + 1, n);
        paths.push_back(folder + "/" + name);
        write_file(paths.back(), generated_post(n, rng));
    }
    return paths;
}

}  // namespace idx::test
