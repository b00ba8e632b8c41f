#include "common/lines.hpp"

namespace idx {

std::vector<std::string> split_nonempty(std::string_view text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view text) {
    return split_nonempty(text, '\n');
}

std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += item;
        out += '\n';
    }
    return out;
}

}  // namespace idx
