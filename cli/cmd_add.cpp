// idx add: index post files, incrementally. Quiet under cron when all is well.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/plural.hpp"
#include "cli/progress.hpp"
#include "common/display_text.hpp"
#include "common/error.hpp"
#include "indexer/sync.hpp"

namespace idx::cli {
namespace {

nlohmann::json messages_json(const std::vector<indexer::FileMessage>& messages) {
    nlohmann::json out = nlohmann::json::array();
    for (const indexer::FileMessage& m : messages) {
        out.push_back({{"path", m.path}, {"line", m.line > 0 ? nlohmann::json(m.line) : nlohmann::json()},
                       {"message", m.message}});
    }
    return out;
}

nlohmann::json report_json(const indexer::SyncReport& r) {
    nlohmann::json warnings = messages_json(r.missing_roots);
    for (nlohmann::json& w : messages_json(r.warnings)) warnings.push_back(std::move(w));
    return {{"version", 1},
            {"files", r.files},
            {"added", r.added},
            {"updated", r.updated},
            {"removed", r.removed},
            {"unchanged", r.unchanged},
            {"skipped", r.skipped},
            {"errors", messages_json(r.errors)},
            {"still_failing", messages_json(r.still_failing)},
            {"warnings", std::move(warnings)},
            {"reindexed_all", r.reindexed_all},
            {"documents", r.documents},
            {"seconds", r.seconds}};
}

// One line of stderr (cron mail) per message: a file name holding a newline
// or an escape sequence is shown escaped, so it can neither forge a line nor
// drive the terminal.
std::string located(const indexer::FileMessage& m) {
    const std::string where = m.line > 0 ? m.path + ":" + std::to_string(m.line) : m.path;
    return terminal_safe(where + ": " + m.message);
}

void print_summary(const indexer::SyncReport& r) {
    std::string still;
    if (!r.still_failing.empty()) still = " (and " + std::to_string(r.still_failing.size()) + " still failing)";
    std::fprintf(stderr, "%s: %zu added, %zu updated, %zu unchanged, %zu skipped, %s%s; %zu removed; %.1f s\n",
                 counted(r.files, "file", "files").c_str(), r.added, r.updated, r.unchanged, r.skipped,
                 counted(r.errors.size(), "error", "errors").c_str(), still.c_str(), r.removed, r.seconds);
}

}  // namespace

int run_add(int argc, char** argv) {
    cxxopts::Options options("idx add",
                             "Index the post files under each PATH (folders are walked recursively, hidden files\n"
                             "skipped). Without PATH, reindex the folders of earlier runs, or roots: in idx.yaml,\n"
                             "so a crontab line needs no arguments. Only files that changed are read; files gone\n"
                             "from disk are removed from the index.\n");
    options.positional_help("[PATH...]").show_positional_help();
    options.add_options()
        ("j,jobs", "parsing threads (default: one per core)", cxxopts::value<unsigned>(), "N")
        ("no-prune", "keep documents whose files are gone")
        ("include-drafts", "also index drafts: posts with published: false or in a _drafts folder")
        ("future", "also index posts dated after now (else the first run after their date does)")
        ("follow-symlinks", "follow symbolic links (each folder and file is still visited once)")
        ("wait", "wait for another idx add to finish instead of exiting with 75")
        ("json", "print the summary as JSON on stdout")
        ("v,verbose", "also print warnings and skipped files with their reasons")
        ("h,help", "show this help");
    options.add_options(kPositionalGroup)("paths", "folders or files", cxxopts::value<std::vector<std::string>>());
    add_location_options(options);
    options.parse_positional({"paths"});
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options) << "\nOn a terminal: a progress line and a summary. Under cron (no terminal): "
                                       "nothing when all went well;\nerrors as PATH[:LINE]: message, one a line. A file "
                                       "that fails is reported once, and again\nonly after it changes: `idx stats` lists "
                                       "the files that fail now. A recorded folder that is gone\ngives one warning a run "
                                       "(its posts are kept) until `idx roots rm DIR`.\n\n"
                  << kAddExitStatusHelp;
        return 0;
    }

    const Location location = resolve_location(args);
    indexer::SyncOptions sync_options;
    sync_options.db_path = location.db;
    sync_options.roots = args.count("paths") ? args["paths"].as<std::vector<std::string>>() : location.config.roots;
    sync_options.settings = location.config.index;
    sync_options.max_file_size = location.config.max_file_size;
    sync_options.jobs = args.count("jobs") ? args["jobs"].as<unsigned>() : location.config.jobs;
    if (sync_options.jobs > 256) throw Error("-j can be at most 256 (as jobs: in idx.yaml)");
    sync_options.prune = !args.count("no-prune");
    sync_options.include_drafts = args.count("include-drafts") > 0;
    sync_options.future = args.count("future") > 0 || location.config.future;
    sync_options.follow_symlinks = args.count("follow-symlinks") > 0;
    sync_options.wait_for_lock = args.count("wait") > 0;

    const bool terminal = stderr_is_terminal();
    const bool verbose = args.count("verbose") > 0;
    const bool json = args.count("json") > 0;
    ProgressLine progress;
    if (terminal)
        sync_options.on_progress = [&](const indexer::SyncProgress& p) { progress.update(p.done, p.total, p.seconds); };

    const indexer::SyncReport report = indexer::sync(sync_options);
    progress.clear();

    for (const indexer::FileMessage& e : report.errors) std::cerr << located(e) << "\n";
    // Also under cron: without it a moved folder would go unnoticed for ever.
    for (const indexer::FileMessage& w : report.missing_roots) std::cerr << located(w) << " (warning)\n";
    if (terminal || verbose) {
        for (const indexer::FileMessage& w : report.warnings) std::cerr << located(w) << " (warning)\n";
        for (const indexer::FileMessage& f : report.still_failing)
            std::cerr << located(f) << " (still failing, reported before)\n";
    }
    if (verbose) {
        for (const indexer::FileMessage& s : report.skips) std::cerr << located(s) << " (skipped)\n";
    }
    if (json) std::cout << report_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    // Under cron, a run with errors also says what it did, for the mail.
    if ((terminal || verbose || !report.errors.empty()) && !json) print_summary(report);
    if (report.reindexed_all && (terminal || verbose))
        std::cerr << "(the index settings changed since the last run, so every post was reindexed)\n";
    return static_cast<int>(report.errors.empty() ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
