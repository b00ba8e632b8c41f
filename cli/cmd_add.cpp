// idx add: index post files, incrementally. Quiet under cron when all is well.

#include <iostream>

#include "cli/allocator.hpp"
#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/exit_status.hpp"
#include "cli/json_printer.hpp"
#include "cli/plural.hpp"
#include "cli/progress.hpp"
#include "cli/text_printer.hpp"
#include "common/error.hpp"
#include "indexer/database.hpp"
#include "indexer/shards.hpp"
#include "indexer/sync.hpp"

namespace idx::cli {

int run_add(int argc, char** argv) {
    cxxopts::Options options("idx add",
                             "Index the post files under each PATH (folders are walked recursively, hidden files\n"
                             "skipped). Without PATH, reindex the folders of earlier runs, or roots: in idx.yaml,\n"
                             "so a crontab line needs no arguments. Only files that changed are read; files gone\n"
                             "from disk are removed from the index.\n");
    options.positional_help("[PATH...]").show_positional_help();
    // clang-format off: one option a line, as --help lists them
    options.add_options()("j,jobs", "parsing threads (default: one per core)", cxxopts::value<unsigned>(), "N")(
        "no-prune", "keep documents whose files are gone")(
        "include-drafts", "also index drafts: posts with published: false or in a _drafts folder")(
        "future", "also index posts dated after now (else the first run after their date does)")(
        "follow-symlinks", "follow symbolic links (each folder and file is still visited once)")(
        "changesets",
        "keep the changesets of the last N commits for xapian-replicate (default 0; changesets: in "
        "idx.yaml)",
        cxxopts::value<unsigned>(),
        "N")("shards",
             "keep N shard databases under the database folder, written in parallel (default: as many as it holds, 1 "
             "for a new one; shards: in idx.yaml); another N rebuilds the index",
             cxxopts::value<unsigned>(), "N")("wait", "wait for another idx add to finish instead of exiting with 75")(
        "json", "print the summary as JSON on stdout")(
        "v,verbose", "also print warnings and skipped files with their reasons")("h,help", "show this help");
    // clang-format on
    options.add_options(kPositionalGroup)("paths", "folders or files", cxxopts::value<std::vector<std::string>>());
    add_location_options(options);
    options.parse_positional({"paths"});
    const cxxopts::ParseResult args = options.parse(argc, argv);
    if (args.count("help")) {
        std::cout << help_text(options)
                  << "\nOn a terminal: a progress line and a summary. Under cron (no terminal): "
                     "nothing when all went well;\nerrors as PATH[:LINE]: message, one a line. A file "
                     "that fails is reported once, and again\nonly after it changes: `idx stats` lists "
                     "the files that fail now. A recorded folder that is gone\ngives one warning a run "
                     "(its posts are kept) until `idx roots rm DIR`.\n\n"
                  << exit_status_help("add");
        return 0;
    }

    const Location location = resolve_location(args);
    indexer::SyncOptions sync_options;
    sync_options.db_path = location.db_to_change("add");
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
    const unsigned changesets =
        args.count("changesets") ? args["changesets"].as<unsigned>() : location.config.changesets;
    if (changesets > kMaxChangesets)
        throw Error("--changesets can be at most " + std::to_string(kMaxChangesets) + " (as changesets: in idx.yaml)");
    indexer::keep_changesets(changesets);
    std::optional<unsigned> shards = location.config.shards;
    if (args.count("shards")) shards = args["shards"].as<unsigned>();
    if (shards && (*shards == 0 || *shards > kMaxShards))
        throw Error("--shards takes a number from 1 to " + std::to_string(kMaxShards) + " (as shards: in idx.yaml)");

    const bool terminal = stderr_is_terminal();
    const bool verbose = args.count("verbose") > 0;
    const bool json = args.count("json") > 0;
    ProgressLine progress;
    if (terminal)
        sync_options.on_progress = [&](const indexer::SyncProgress& p) { progress.update(p.done, p.total, p.seconds); };

    return_memory_in_background();
    const indexer::SyncReport report = indexer::sync_shards(sync_options, shards);
    progress.clear();
    // Said whoever listens: a rebuild is slow, and a cron mail should explain it.
    if (report.resharded_from) {
        const auto layout = [](unsigned n) { return n == 1 ? std::string("one database") : counted(n, "", "shards"); };
        std::cerr << "idx: " << sync_options.db_path << " held " << layout(report.resharded_from) << " and now holds "
                  << layout(report.shards) << ": every post was indexed again\n";
    }

    print_add_messages(std::cerr, report, AddVerbosity{terminal, verbose});
    if (json) print_json_line(std::cout, add_json(report));
    // Under cron, a run with errors also says what it did, for the mail.
    if ((terminal || verbose || !report.errors.empty()) && !json) print_add_summary(std::cerr, report);
    if (report.reindexed_all && (terminal || verbose))
        std::cerr << "(the index settings changed since the last run, so every post was reindexed)\n";
    return static_cast<int>(report.errors.empty() ? ExitCode::ok : ExitCode::partial);
}

}  // namespace idx::cli
