#include "indexer/publishing.hpp"

namespace idx::indexer {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

bool in_drafts_folder(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string_view::npos) return false;
    const std::string_view folders = path.substr(0, slash + 1);
    return folders.substr(0, 8) == "_drafts/" || folders.find("/_drafts/") != std::string_view::npos;
}

std::int64_t epoch_seconds(const PostDate& date, int default_offset_minutes) {
    const std::int64_t days =
        days_from_civil(date.year, static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
    const int offset = date.utc_offset_minutes.value_or(default_offset_minutes);
    return days * 86400 + date.hour * 3600 + date.minute * 60 + date.second - std::int64_t{offset} * 60;
}

Publication publication(const Post& post, const PublishingClock& clock) {
    if (post.draft || in_drafts_folder(post.path)) return Publication::draft;
    if (post.date && epoch_seconds(*post.date, clock.utc_offset_minutes) > clock.now) return Publication::future;
    return Publication::published;
}

}  // namespace idx::indexer
