#include "tests/support/output.hpp"

#include <regex>
#include <sstream>

#include "tests/support/output.hpp"

namespace idx::test {

std::string mask(std::string text, const std::filesystem::path& dir) {
    if (!dir.empty()) {
        const std::string from = dir.string();
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
            text.replace(at, from.size(), "$DIR");
    }
    static const std::regex seconds(R"(\b[0-9]+\.[0-9]+ s\b)");
    static const std::regex iso_time(R"(\b[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)");
    text = std::regex_replace(text, seconds, "<t> s");
    return std::regex_replace(text, iso_time, "<time>");
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace idx::test
