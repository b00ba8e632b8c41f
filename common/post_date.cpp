#include "common/post_date.hpp"

#include <cstdio>

namespace idx {
namespace {

// A tiny cursor over the date text; each reader consumes only on success.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    // Reads exactly `width` ASCII digits.
    bool digits(std::size_t width, int& out) {
        if (pos + width > text.size()) return false;
        int value = 0;
        for (std::size_t k = 0; k < width; ++k) {
            const char c = text[pos + k];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        pos += width;
        out = value;
        return true;
    }
    void skip_spaces() {
        while (peek() == ' ' || peek() == '\t') ++pos;
    }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool read_day(Cursor& cur, PostDate& d) {
    return cur.digits(4, d.year) && cur.accept('-') && cur.digits(2, d.month) && cur.accept('-') &&
           cur.digits(2, d.day);
}

bool valid_day(const PostDate& d) {
    return d.year >= 1 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

// H[H]:MM[:SS[.fraction]]; a one-digit hour as Ruby's Time.parse (and so
// Jekyll) reads it: `2024-03-21 4:00:00 +0000` (51 ruby-lang posts).
bool read_time(Cursor& cur, PostDate& d) {
    if (!cur.digits(2, d.hour) && !cur.digits(1, d.hour)) return false;
    if (!cur.accept(':') || !cur.digits(2, d.minute)) return false;
    if (cur.accept(':')) {
        if (!cur.digits(2, d.second)) return false;
        if (cur.accept('.') || cur.accept(',')) {
            int ignored = 0;
            if (!cur.digits(1, ignored)) return false;
            while (cur.digits(1, ignored)) {
            }
        }
    }
    if (d.second == 60) d.second = 59;  // a leap second keeps its minute
    return d.hour <= 23 && d.minute <= 59 && d.second <= 59;
}

enum class OffsetRead { none, ok, impossible, garbage };

// Z | UTC | GMT | (+|-)HH[[:]MM]
OffsetRead read_offset(Cursor& cur, std::optional<int>& offset) {
    cur.skip_spaces();
    if (cur.done()) return OffsetRead::none;
    const std::string_view rest = cur.text.substr(cur.pos);
    if (rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") {
        cur.pos = cur.text.size();
        offset = 0;
        return OffsetRead::ok;
    }
    const char sign = cur.peek();
    if (sign != '+' && sign != '-') return OffsetRead::garbage;
    ++cur.pos;
    int hours = 0;
    int minutes = 0;
    if (!cur.digits(2, hours)) return OffsetRead::garbage;
    if (!cur.done()) {
        cur.accept(':');
        if (!cur.digits(2, minutes)) return OffsetRead::garbage;
    }
    if (!cur.done()) return OffsetRead::garbage;
    if (hours > 14 || minutes > 59) return OffsetRead::impossible;
    offset = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
    return OffsetRead::ok;
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<ParsedDate> parse_post_date(std::string_view text) {
    Cursor cur{trim(text)};
    ParsedDate parsed;
    PostDate& d = parsed.date;
    if (!read_day(cur, d) || !valid_day(d)) return std::nullopt;
    if (cur.done()) return parsed;
    if (!cur.accept('T') && !cur.accept('t')) {
        if (cur.peek() != ' ' && cur.peek() != '\t') return std::nullopt;
        cur.skip_spaces();
    }
    if (!read_time(cur, d)) return std::nullopt;
    switch (read_offset(cur, d.utc_offset_minutes)) {
        case OffsetRead::none:
        case OffsetRead::ok:
            return parsed;
        case OffsetRead::impossible:
            parsed.offset_dropped = true;
            return parsed;
        case OffsetRead::garbage:
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<PostDate> date_from_file_name(std::string_view file_name) {
    Cursor cur{file_name};
    PostDate d;
    if (!read_day(cur, d) || !cur.accept('-') || !valid_day(d)) return std::nullopt;
    return d;
}

std::string to_iso8601(const PostDate& d) {
    char buf[40];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.minute,
                          d.second);
    if (d.utc_offset_minutes) {
        const int off = *d.utc_offset_minutes;
        const int abs_off = off < 0 ? -off : off;
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%c%02d:%02d", off < 0 ? '-' : '+',
                           abs_off / 60, abs_off % 60);
    }
    return std::string(buf, static_cast<std::size_t>(n));
}

std::string to_sort_key(const PostDate& d) {
    char buf[24];
    const int n =
        std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", d.year, d.month, d.day, d.hour, d.minute, d.second);
    return std::string(buf, static_cast<std::size_t>(n));
}

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

int digits_value(std::string_view digits) {
    int value = 0;
    for (const char c : digits) value = value * 10 + (c - '0');
    return value;
}

std::string to_year_month(const PostDate& d) {
    char buf[16];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    return std::string(buf, static_cast<std::size_t>(n));
}

std::string utc_iso8601(std::time_t seconds) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace idx
