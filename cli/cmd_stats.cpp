// idx stats: what the index holds.

#include <nlohmann/json.hpp>

#include <ctime>
#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/plural.hpp"
#include "cli/result_json.hpp"
#include "common/display_text.hpp"
#include "query/stats.hpp"

namespace idx::cli {
namespace {

std::string utc_iso(std::int64_t ns) {
    const std::time_t seconds = static_cast<std::time_t>(ns / 1000000000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json failures_json(const std::vector<FailureRecord>& failures) {
    nlohmann::json out = nlohmann::json::array();
    for (const FailureRecord& f : failures)
        out.push_back({{"path", f.path},
                       {"line", f.line > 0 ? nlohmann::json(f.line) : nlohmann::json()},
                       {"message", f.reason},
                       {"size", f.size},
                       {"mtime", utc_iso(f.mtime_ns)}});
    return out;
}

}  // namespace

int run_stats(int argc, char** argv) {
    cxxopts::Options options("idx stats",
                             "Show what the index holds: documents, size, folders, last run, and the post files\n"
                             "that fail now, with their reasons (as the last idx add that looked at them saw them).\n");
    options.add_options()("json", "print JSON")("h,help", "show this help");
    add_location_options(options);
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << options.help() << "\n" << kStatsExitStatusHelp;
        return 0;
    }
    const Location location = resolve_location(args);
    const query::IndexStats stats = query::read_stats(location.db);
    nlohmann::json last_run = nlohmann::json::parse(stats.last_run, nullptr, false);
    if (last_run.is_discarded()) last_run = nullptr;
    if (args.count("json")) {
        std::cout << dump_line({{"version", kJsonVersion},
                                {"documents", stats.documents},
                                {"database", stats.path},
                                {"bytes", stats.bytes_on_disk},
                                {"schema_version", stats.schema_version},
                                {"language", stats.language},
                                {"roots", stats.roots},
                                {"spelling_words", stats.spelling_words},
                                {"last_run", last_run},
                                {"failures", failures_json(stats.failures)}})
                  << "\n";
        return 0;
    }
    // The folders and metadata come from the database, which anyone may have
    // written: shown terminal-safe, and fields of an unexpected type skipped.
    std::cout << "database:  " << terminal_safe(stats.path) << "\n"
              << "documents: " << stats.documents << "\n"
              << "size:      " << (stats.bytes_on_disk + 512 * 1024) / (1024 * 1024) << " MiB\n"
              << "schema:    " << terminal_safe(stats.schema_version) << " (language " << terminal_safe(stats.language)
              << ")\n";
    for (const std::string& root : stats.roots) std::cout << "folder:    " << terminal_safe(root) << "\n";
    if (last_run.is_object()) {
        const auto count = [&](const char* key) {
            const auto it = last_run.find(key);
            return it != last_run.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
        };
        const auto time = last_run.find("time");
        std::cout << "last run:  " << (time != last_run.end() && time->is_string() ? terminal_safe(time->get<std::string>()) : "")
                  << ": " << count("added") << " added, " << count("updated") << " updated, " << count("removed")
                  << " removed, " << counted(count("errors"), "error", "errors") << "\n";
    }
    if (!stats.failures.empty()) std::cout << "failing:   " << stats.failures.size() << " posts\n";
    for (const FailureRecord& f : stats.failures)
        std::cout << "  " << terminal_safe(f.path) << (f.line > 0 ? ":" + std::to_string(f.line) : std::string()) << ": "
                  << terminal_safe(f.reason)
                  << "\n";
    return 0;
}

}  // namespace idx::cli
