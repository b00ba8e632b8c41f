#pragma once
// The UTC offset of a named time zone (Jekyll's `timezone: Asia/Tokyo`), read
// from the system's zone database (tzdata). I/O at the edge of the indexer:
// the publishing rules (publishing.hpp) take the offset it gives.

#include <cstdint>
#include <optional>
#include <string>

namespace idx::indexer {

// Minutes east of UTC that `zone` (an IANA name such as "Asia/Tokyo" or
// "UTC") is at `at` (seconds since the epoch); nothing when the zone
// database has no such zone. Sets and restores TZ for the process: call it
// before other threads start (sync calls it once per site, before parsing).
std::optional<int> zone_offset_minutes(const std::string& zone, std::int64_t at);

}  // namespace idx::indexer
