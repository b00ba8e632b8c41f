#include "indexer/time_zone.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace idx::indexer {
namespace {

// Where tzdata keeps its zone files (glibc reads $TZDIR first).
std::filesystem::path zone_folder() {
    const char* dir = std::getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

// A name glibc would read as a file of the zone database, and that file exists.
bool known_zone(const std::string& zone) {
    if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
    std::error_code ec;
    return std::filesystem::is_regular_file(zone_folder() / zone, ec);
}

}  // namespace

std::optional<int> zone_offset_minutes(const std::string& zone, std::int64_t at) {
    if (zone == "UTC" || zone == "Etc/UTC") return 0;
    if (!known_zone(zone)) return std::nullopt;
    const char* old = std::getenv("TZ");
    const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("TZ", zone.c_str(), 1);
    ::tzset();
    const std::time_t when = static_cast<std::time_t>(at);
    std::tm local{};
    const bool ok = ::localtime_r(&when, &local) != nullptr;
    if (saved)
        ::setenv("TZ", saved->c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
    if (!ok) return std::nullopt;
    return static_cast<int>(local.tm_gmtoff / 60);
}

}  // namespace idx::indexer
