#pragma once
// Text helpers the tests share.

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace idx::test {

// Words as a search engine sees them: what lies between whitespace. Tests
// compare these: where a removed tag leaves a blank is not the point, that
// it separates the words on either side is.
inline std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// `piece` `times` times over: deep nesting, long words.
inline std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

}  // namespace idx::test
