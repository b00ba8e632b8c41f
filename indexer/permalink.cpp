#include "indexer/permalink.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "common/lines.hpp"

namespace idx::indexer {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string two_digits(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

std::string zero_padded(int n, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, n);
    return buf;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int weekday_index(const PostDate& date) {  // 0 = Monday
    const long days = days_from_civil(date.year, date.month, date.day);
    return static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
}

int day_of_year(const PostDate& date) {
    return static_cast<int>(days_from_civil(date.year, date.month, date.day) - days_from_civil(date.year, 1, 1)) + 1;
}

// ISO 8601 week number and its year (strftime %V and %G).
void iso_week(const PostDate& date, int& week_year, int& week) {
    const long days = days_from_civil(date.year, date.month, date.day);
    const long thursday = days - weekday_index(date) + 3;  // the Thursday of this week decides its year
    int y = 0, m = 0, d = 0;
    civil_from_days(thursday, y, m, d);
    week_year = y;
    week = static_cast<int>((thursday - days_from_civil(y, 1, 1)) / 7) + 1;
}

// Jekyll fills :year, :month, … from the date in the site's timezone. A date
// with an offset is moved into that zone when the zone is UTC; for a named
// zone the post's own wall-clock date is kept (idx reads no zone database).
PostDate in_site_zone(PostDate date, const SiteConfig& site) {
    if (!date.utc_offset_minutes) return date;
    const std::string& tz = site.timezone;
    if (tz != "UTC" && tz != "Etc/UTC" && tz != "GMT" && tz != "Etc/GMT" && tz != "Etc/Universal" && tz != "Zulu")
        return date;
    long minutes = days_from_civil(date.year, date.month, date.day) * 1440 + date.hour * 60 + date.minute -
                   *date.utc_offset_minutes;
    const long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    minutes -= days * 1440;
    civil_from_days(days, date.year, date.month, date.day);
    date.hour = static_cast<int>(minutes / 60);
    date.minute = static_cast<int>(minutes % 60);
    date.utc_offset_minutes = 0;
    return date;
}

std::string_view file_name_of(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view without_extension(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// The slug of `2024-12-25-ruby-3-4-0-released.md` (Jekyll's
// DATE_FILENAME_MATCHER: `\d{2,4}-\d{1,2}-\d{1,2}-` then the slug), else the
// name without its extension; trailing dots go.
std::string file_slug(std::string_view name) {
    std::string_view stem = without_extension(name);
    std::string_view rest = stem;
    bool dated = true;
    for (const auto& [min, max] : {std::pair{2, 4}, std::pair{1, 2}, std::pair{1, 2}}) {
        const std::size_t dash = rest.find('-');
        if (dash == std::string_view::npos || static_cast<int>(dash) < min || static_cast<int>(dash) > max ||
            !is_digits(rest.substr(0, dash))) {
            dated = false;
            break;
        }
        rest.remove_prefix(dash + 1);
    }
    std::string slug(dated && without_extension(name).size() != name.size() ? rest : stem);
    while (!slug.empty() && slug.back() == '.') slug.pop_back();
    return slug;
}

// Where `_posts` (or `_drafts`) first occurs in the path, as Jekyll's
// `relative_path.sub(/_posts.*/, "")` finds it; npos for a page.
std::size_t special_folder(std::string_view relative_path, std::string_view& name) {
    for (const std::string_view special : {std::string_view("_posts"), std::string_view("_drafts")}) {
        const std::string_view segment = special;
        for (std::size_t at = relative_path.find(segment); at != std::string_view::npos;
             at = relative_path.find(segment, at + 1)) {
            const bool starts_segment = at == 0 || relative_path[at - 1] == '/';
            const std::size_t end = at + segment.size();
            const bool ends_segment = end < relative_path.size() && relative_path[end] == '/';
            if (starts_segment && ends_segment) {
                name = special;
                // Jekyll cuts at the first occurrence, even inside another name.
                return relative_path.find(segment);
            }
        }
    }
    return std::string_view::npos;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Jekyll's post categories: folders above `_posts`, then front matter
// `categories` (blank-separated in a string), then `category`; repeats go.
// The URL uses them lower-cased, repeats gone again, joined with '/'.
std::string categories_path(const PermalinkInput& input, std::string_view folders, std::string_view special) {
    std::vector<std::string> all;
    for (std::string& folder : split_nonempty(folders, '/'))
        if (folder != special) all.push_back(std::move(folder));
    for (const std::string& c : input.categories) all.push_back(c);
    for (const std::string& c : input.category) all.push_back(c);
    std::vector<std::string> seen;
    std::string out;
    for (const std::string& c : all) {
        std::string lowered = lower_ascii(c);
        if (std::find(seen.begin(), seen.end(), lowered) != seen.end()) continue;
        if (!out.empty()) out += '/';
        out += lowered;
        seen.push_back(std::move(lowered));
    }
    return out;
}

struct Placeholders {
    std::vector<std::pair<std::string_view, std::string>> values;
    const std::string* find(std::string_view key) const {
        for (const auto& [name, value] : values)
            if (name == key) return &value;
        return nullptr;
    }
};

constexpr std::array<std::string_view, 17> kDateNames = {
    "year",       "month",      "day",   "hour",   "minute", "second", "i_day",     "i_month", "short_month",
    "long_month", "short_year", "y_day", "w_year", "week",   "w_day",  "short_day", "long_day"};

void add_date(Placeholders& p, const std::optional<PostDate>& maybe_date) {
    if (!maybe_date) {  // Jekyll always has a date; without one the pieces are empty
        for (const std::string_view name : kDateNames) p.values.emplace_back(name, std::string());
        return;
    }
    const PostDate& date = *maybe_date;
    const auto weekday = static_cast<std::size_t>(weekday_index(date));
    int week_year = 0, week = 0;
    iso_week(date, week_year, week);
    const std::string_view month_name =
        date.month >= 1 && date.month <= 12 ? kMonths[static_cast<std::size_t>(date.month - 1)] : "";
    p.values.insert(p.values.end(), {{"year", zero_padded(date.year, 4)},
                                     {"month", two_digits(date.month)},
                                     {"day", two_digits(date.day)},
                                     {"hour", two_digits(date.hour)},
                                     {"minute", two_digits(date.minute)},
                                     {"second", two_digits(date.second)},
                                     {"i_day", std::to_string(date.day)},
                                     {"i_month", std::to_string(date.month)},
                                     {"short_month", std::string(month_name.substr(0, 3))},
                                     {"long_month", std::string(month_name)},
                                     {"short_year", two_digits(date.year % 100)},
                                     {"y_day", zero_padded(day_of_year(date), 3)},
                                     {"w_year", zero_padded(week_year, 4)},
                                     {"week", two_digits(week)},
                                     {"w_day", std::to_string(weekday + 1)},
                                     {"short_day", std::string(kWeekdays[weekday].substr(0, 3))},
                                     {"long_day", std::string(kWeekdays[weekday])}});
}

// Jekyll's URL#generate_url_from_drop: each `:name` (letters and '_'; a
// trailing '_' may end the name, as in `:title_`) is replaced by its escaped
// value. An unknown name stays as written.
std::string fill(std::string_view pattern, const Placeholders& p) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] != ':') {
            out += pattern[i++];
            continue;
        }
        std::size_t end = i + 1;
        while (end < pattern.size() && ((pattern[end] >= 'a' && pattern[end] <= 'z') || pattern[end] == '_')) ++end;
        std::string_view name = pattern.substr(i + 1, end - i - 1);
        const std::string* value = p.find(name);
        if (value == nullptr && !name.empty() && name.back() == '_') value = p.find(name.substr(0, name.size() - 1));
        if (value == nullptr) {
            out.append(pattern.substr(i, end - i));
        } else {
            out += escape_path(*value);
        }
        i = end;
    }
    return out;
}

// Jekyll's URL#sanitize_url: a leading '/', ".." and "./" taken out, runs of
// '/' squeezed to one.
std::string sanitise(std::string_view path) {
    std::string s = "/" + std::string(path);
    for (std::size_t at = s.find(".."); at != std::string::npos; at = s.find("..", at)) s.replace(at, 2, "/");
    for (std::size_t at = s.find("./"); at != std::string::npos; at = s.find("./", at)) s.erase(at, 2);
    std::string out;
    for (const char c : s)
        if (!(c == '/' && !out.empty() && out.back() == '/')) out += c;
    return out;
}

std::string page_path(const PermalinkInput& input, const SiteConfig& site) {
    const std::string_view name = file_name_of(input.relative_path);
    const std::string_view folder = input.relative_path.substr(0, input.relative_path.size() - name.size());
    const std::string base(without_extension(name));
    const bool pretty = site.permalink == "pretty" || (!site.permalink.empty() && site.permalink.back() == '/');
    std::string path = escape_path(folder);
    if (base == "index") return sanitise(path + "/");
    return sanitise(path + "/" + escape_path(base) + (pretty ? "/" : ".html"));
}

}  // namespace

bool is_jekyll_post(std::string_view relative_path) {
    std::string_view special;
    return special_folder(relative_path, special) != std::string_view::npos;
}

std::string permalink_pattern(std::string_view style) {
    if (style == "date") return "/:categories/:year/:month/:day/:title:output_ext";
    if (style == "pretty") return "/:categories/:year/:month/:day/:title/";
    if (style == "ordinal") return "/:categories/:year/:y_day/:title:output_ext";
    if (style == "weekdate") return "/:categories/:year/W:week/:short_day/:title:output_ext";
    if (style == "none") return "/:categories/:title:output_ext";
    return std::string(style);
}

bool is_absolute_url(std::string_view url) {
    if (url.substr(0, 2) == "//") return true;
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const char first = url[0];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = url[i];
        if (!is_ascii_alnum(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

std::string slugify(std::string_view text, bool pretty) {
    static constexpr std::string_view kPrettyKept = "._~!$&'()+,;=@";
    std::string out;
    bool pending_hyphen = false;
    for (const char c : text) {
        const bool kept = is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80 ||
                          (pretty && kPrettyKept.find(c) != std::string_view::npos);
        if (!kept) {
            pending_hyphen = true;
            continue;
        }
        if (pending_hyphen && !out.empty()) out += '-';
        pending_hyphen = false;
        out += pretty ? c : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

std::string escape_path(std::string_view value) {
    static constexpr std::string_view kSafe = "-._~!$&'()*+,;=:@/";
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (is_ascii_alnum(c) || kSafe.find(c) != std::string_view::npos) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

std::string jekyll_path(const PermalinkInput& input, const SiteConfig& site) {
    std::string_view special;
    const std::size_t cut = special_folder(input.relative_path, special);
    if (cut == std::string_view::npos && input.own_permalink.empty()) return page_path(input, site);

    const std::string_view name = file_name_of(input.relative_path);
    const std::string slug = input.slug.empty() ? file_slug(name) : std::string(input.slug);
    const std::string_view folders = cut == std::string_view::npos
                                         ? input.relative_path.substr(0, input.relative_path.size() - name.size())
                                         : input.relative_path.substr(0, cut);
    Placeholders p;
    p.values = {{"categories", categories_path(input, folders, special)},
                {"title", slugify(slug, true)},
                {"slug", slugify(slug, false)},
                {"name", slugify(without_extension(name), false)},
                {"output_ext", ".html"},
                {"collection", "posts"},
                {"lang", std::string(input.lang)},
                {"path", std::string(without_extension(input.relative_path))}};
    add_date(p, input.date ? std::optional<PostDate>(in_site_zone(*input.date, site)) : std::nullopt);
    const std::string pattern =
        input.own_permalink.empty() ? permalink_pattern(site.permalink) : std::string(input.own_permalink);
    return sanitise(fill(pattern, p));
}

std::string jekyll_url(const PermalinkInput& input, const SiteConfig& site) {
    return site.url + site.baseurl + jekyll_path(input, site);
}

}  // namespace idx::indexer
