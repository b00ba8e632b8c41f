#include "indexer/time_zone.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace idx::indexer {
namespace {

constexpr std::int64_t kJanuary2024 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr std::int64_t kJuly2024 = 1719792000;     // 2024-07-01T00:00:00Z

TEST(ZoneOffset, UtcNeedsNoDatabase) {
    EXPECT_EQ(zone_offset_minutes("UTC", kJanuary2024), 0);
    EXPECT_EQ(zone_offset_minutes("Etc/UTC", kJuly2024), 0);
}

TEST(ZoneOffset, NamedZonesWithTheirDaylightSaving) {
    EXPECT_EQ(zone_offset_minutes("Asia/Tokyo", kJanuary2024), 9 * 60);
    EXPECT_EQ(zone_offset_minutes("Asia/Kolkata", kJuly2024), 5 * 60 + 30);
    EXPECT_EQ(zone_offset_minutes("America/New_York", kJanuary2024), -5 * 60);
    EXPECT_EQ(zone_offset_minutes("America/New_York", kJuly2024), -4 * 60);
}

TEST(ZoneOffset, UnknownOrUnsafeNamesGiveNothing) {
    for (const char* zone : {"", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "Asia"})
        EXPECT_EQ(zone_offset_minutes(zone, kJanuary2024), std::nullopt) << zone;
}

TEST(ZoneOffset, LeavesTheProcessTimeZoneAsItWas) {
    ::setenv("TZ", "Europe/Berlin", 1);
    ASSERT_EQ(zone_offset_minutes("Asia/Tokyo", kJanuary2024), 9 * 60);
    ASSERT_NE(std::getenv("TZ"), nullptr);
    EXPECT_EQ(std::string(std::getenv("TZ")), "Europe/Berlin");
    ::unsetenv("TZ");
    ASSERT_EQ(zone_offset_minutes("Asia/Tokyo", kJanuary2024), 9 * 60);
    EXPECT_EQ(std::getenv("TZ"), nullptr);
}

}  // namespace
}  // namespace idx::indexer
