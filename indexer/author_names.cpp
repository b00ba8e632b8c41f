#include "indexer/author_names.hpp"

#include <algorithm>
#include <string_view>

#include "common/text_fold.hpp"

namespace idx::indexer {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Splits at every occurrence of any separator in `separators`.
std::vector<std::string_view> split_at(std::string_view text, std::initializer_list<std::string_view> separators) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t matched = 0;
        for (const std::string_view sep : separators)
            if (text.substr(pos, sep.size()) == sep) matched = std::max(matched, sep.size());
        if (matched == 0) {
            ++pos;
            continue;
        }
        parts.push_back(text.substr(start, pos - start));
        pos += matched;
        start = pos;
    }
    parts.push_back(text.substr(start));
    return parts;
}

bool has_two_words(std::string_view name) {
    return trim(name).find(' ') != std::string_view::npos;
}

// "and Bo Li" after an Oxford comma: the name without its "and ".
std::string_view without_leading_and(std::string_view name) {
    name = trim(name);
    if (name.substr(0, 4) == "and ") name = trim(name.substr(4));
    return name;
}

}  // namespace

std::vector<std::string> split_authors(const std::vector<std::string>& authors) {
    std::vector<std::string> names;
    std::vector<std::string> keys;
    const auto add = [&](std::string_view name) {
        name = without_leading_and(name);
        if (name.empty()) return;
        std::string key = label_key(name);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
        keys.push_back(std::move(key));
        names.emplace_back(name);
    };
    for (const std::string& author : authors) {
        const std::vector<std::string_view> pieces = split_at(author, {" and ", " & "});
        for (const std::string_view piece : pieces) {
            const std::vector<std::string_view> parts = split_at(piece, {","});
            const bool by_comma = parts.size() > 1 &&
                                  (pieces.size() > 1 || std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
                                       return has_two_words(p) || trim(p).empty();
                                   }));
            if (by_comma) {
                for (const std::string_view part : parts) add(part);
            } else {
                add(piece);
            }
        }
    }
    return names;
}

}  // namespace idx::indexer
