#include "common/schema.hpp"

#include <xxhash.h>

#include <cstdint>
#include <cstdio>

#include "common/text_fold.hpp"
#include "common/utf8.hpp"

namespace idx::schema {
namespace {

bool needs_colon(std::string_view prefix, std::string_view value) {
    if (prefix.size() <= 1 || value.empty()) return false;
    const char first = value.front();
    return (first >= 'A' && first <= 'Z') || first == ':';
}

}  // namespace

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (needs_colon(prefix, value)) term += ':';
    if (term.size() + value.size() <= kMaxTermBytes) {
        term.append(value);
        return term;
    }
    char hash[24];
    const int n = std::snprintf(hash, sizeof hash, "#%016llx",
                                static_cast<unsigned long long>(XXH3_64bits(value.data(), value.size())));
    const std::size_t room = kMaxTermBytes - term.size() - static_cast<std::size_t>(n);
    term.append(truncate_utf8(value, room));
    term.append(hash, static_cast<std::size_t>(n));
    return term;
}

std::string label_term(std::string_view prefix, std::string_view label) {
    return boolean_term(prefix, label_key(label));
}

std::string title_key_term(const std::vector<std::string>& stems) {
    std::string key;
    for (const std::string& stem : stems) {
        if (stem.empty()) continue;
        if (!key.empty()) key += ' ';
        key += stem;
    }
    if (key.empty()) return key;
    return boolean_term(prefix::exact_title, key);
}

std::string year_term(int year) {
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d", year);
    return std::string(prefix::year) + std::string(buf, static_cast<std::size_t>(n));
}

std::string month_term(int year, int month) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%04d%02d", year, month);
    return std::string(prefix::month) + std::string(buf, static_cast<std::size_t>(n));
}

std::string unique_id_term(std::string_view path) {
    return boolean_term(prefix::unique_id, path);
}

std::string date_order_key(std::string_view date_key, std::string_view path) {
    std::string out = date_key.empty() ? std::string("/") : std::string(date_key);
    const std::uint64_t hash = XXH3_64bits(path.data(), path.size());
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((hash >> shift) & 0xFF);
    return out;
}

}  // namespace idx::schema
