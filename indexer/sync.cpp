#include "indexer/sync.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <new>
#include <set>
#include <thread>
#include <unordered_map>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/post_date.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "common/version.hpp"
#include "indexer/database.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/file_walker.hpp"
#include "indexer/index_state.hpp"
#include "indexer/ordered_pipeline.hpp"
#include "indexer/post_file.hpp"
#include "indexer/post_parser.hpp"
#include "indexer/publishing.hpp"
#include "indexer/roots.hpp"
#include "indexer/shared_walks.hpp"
#include "indexer/site_finder.hpp"
#include "indexer/time_zone.hpp"

namespace idx::indexer {
namespace {

using Clock = std::chrono::steady_clock;

enum class Outcome { indexed, same_content, skipped, error, vanished };

// What a worker thread made of one file; the writer thread applies it.
struct FileResult {
    Outcome outcome = Outcome::error;
    BuiltDocument built;
    SourceRecord source;
    FileMessage message;  // the error, or why the file was skipped
    std::vector<FileMessage> warnings;
};

// A site's publishing rules for this run: its clock (the zone of dates
// written without an offset) and whether its future posts are published.
struct SiteRules {
    PublishingClock clock;
    bool future = false;
};

struct Task {
    const FileEntry* file;
    IndexedFile* indexed;    // null when the index has no document for this path
    const Site* site;        // the Jekyll site of the root the file was found under
    const SiteRules* rules;  // that site's publishing rules
    bool reparse;            // its site's settings changed: read it even when unchanged
    // Indexed as a draft or future post under rules this run does not share:
    // read and judged again even when the file did not change.
    bool recheck = false;
};

// About what a built document holds in memory: Xapian keeps a map entry and
// a position list per distinct term (measured: a post of 100,000 distinct
// random words held 25 MB).
std::uint64_t document_memory(const Xapian::Document& doc) {
    constexpr std::uint64_t kBytesPerTerm = 256;
    return std::uint64_t{doc.termlist_count()} * kBytesPerTerm;
}

class SyncRun {
public:
    SyncRun(const SyncOptions& options, SyncReport& report, WritableIndex& index)
        : m_options(options),
          m_report(report),
          m_index(index),
          m_parse_options{&options.settings, {}, options.site_language},
          m_now(static_cast<std::int64_t>(std::time(nullptr))) {}

    void run() {
        const auto started = Clock::now();
        const std::string fingerprint = settings_fingerprint(m_options.settings);
        m_report.reindexed_all =
            m_db.get_doccount() > 0 && m_db.get_metadata(std::string(schema::metadata::fingerprint)) != fingerprint;
        m_state = load_index_state(m_db);
        for (FailureRecord& failure : decode_failures(m_db.get_metadata(std::string(schema::metadata::failures))))
            m_known_failures.emplace(failure.path, std::move(failure));

        const std::vector<std::string> roots = choose_roots();
        std::vector<std::shared_ptr<const WalkResult>> walks;
        for (const std::string& root : roots) walks.push_back(walk_root(root));
        find_sites(roots);
        plan(walks);
        index_files(started);
        prune(walks);
        record_failures();
        record_run(fingerprint, started);
    }

private:
    std::vector<std::string> choose_roots() {
        const std::vector<std::string> recorded = decode_roots(m_db.get_metadata(std::string(schema::metadata::roots)));
        m_recorded.insert(recorded.begin(), recorded.end());
        std::vector<std::string> given = m_options.roots;
        if (given.empty()) given = recorded;
        if (given.empty())
            throw Error("no folders to index: name one (idx add _posts/), or list them under roots: in idx.yaml");
        std::set<std::string> roots;
        for (const std::string& root : given) roots.insert(indexer::canonical_path(root));
        // New settings change every document, so every recorded root is redone.
        if (m_report.reindexed_all) roots.insert(recorded.begin(), recorded.end());
        return {roots.begin(), roots.end()};
    }

    // The shards of one run share each root's walk (indexer/shared_walks.hpp).
    std::shared_ptr<const WalkResult> walk_root(const std::string& root) {
        std::shared_ptr<const WalkResult> walk =
            m_options.shared_walks
                ? m_options.shared_walks->walk(root)
                : std::make_shared<const WalkResult>(indexer::walk(root, WalkOptions{m_options.follow_symlinks}));
        if (walk->root_missing && m_recorded.count(root) > 0) {
            // A recorded folder that is gone is not this run's failure: one
            // warning a run, its documents kept, until the user drops it.
            m_report.missing_roots.push_back(
                {root, 0,
                 "folder is gone (moved, deleted or not mounted); its posts stay in the index until "
                 "`idx roots rm` drops it"});
        } else {
            m_report.errors.insert(m_report.errors.end(), walk->errors.begin(), walk->errors.end());
        }
        m_report.skips.insert(m_report.skips.end(), walk->skipped.begin(), walk->skipped.end());
        m_unlisted.insert(m_unlisted.end(), walk->unlisted_folders.begin(), walk->unlisted_folders.end());
        const bool root_missing = std::find(walk->unlisted_folders.begin(), walk->unlisted_folders.end(), root) !=
                                  walk->unlisted_folders.end();
        if (!root_missing) m_report.roots.push_back(root);
        return walk;
    }

    // Each root's Jekyll site (_config.yml with idx.yaml's `site:` over it).
    // A site whose settings differ from the last run's has its posts read
    // again: their URLs (and what is published) may have changed.
    void find_sites(const std::vector<std::string>& roots) {
        m_recorded_sites = nlohmann::json::object();
        const std::string recorded = m_db.get_metadata(std::string(schema::metadata::sites));
        if (!recorded.empty()) {
            m_recorded_sites = nlohmann::json::parse(recorded, nullptr, false);
            if (!m_recorded_sites.is_object()) m_recorded_sites = nlohmann::json::object();
        }
        m_sites.reserve(roots.size());
        for (const std::string& root : roots) {
            Site site = find_site(root, m_options.settings.site);
            const std::string fingerprint = site_fingerprint(site.config);
            const auto it = m_recorded_sites.find(site.root);
            m_site_changed.push_back(it == m_recorded_sites.end() || *it != fingerprint);
            m_rules.push_back(site_rules(site));
            m_sites.push_back(std::move(site));
        }
    }

    // The site's `future` (idx.yaml's `site: future:` over _config.yml's),
    // or --future / `future: true` in idx.yaml for every site; its
    // `timezone`'s offset now, for dates written without one.
    SiteRules site_rules(const Site& site) {
        SiteRules rules;
        rules.future = m_options.future || site.config.future;
        rules.clock.now = m_now;
        if (site.config.timezone.empty()) return rules;
        if (const std::optional<int> offset = zone_offset_minutes(site.config.timezone, m_now)) {
            rules.clock.utc_offset_minutes = *offset;
        } else {
            m_report.warnings.push_back(
                {site.config_file.empty() ? site.root : site.config_file, 0,
                 "timezone '" + site.config.timezone +
                     "' is not a time zone this machine knows (an IANA name such as Europe/Berlin; is tzdata "
                     "installed?); dates without a UTC offset are read as UTC"});
        }
        return rules;
    }

    void plan(const std::vector<std::shared_ptr<const WalkResult>>& walks) {
        std::set<std::string_view> planned;
        for (std::size_t w = 0; w < walks.size(); ++w) {
            const bool reparse = m_report.reindexed_all || m_site_changed[w];
            for (const FileEntry& file : walks[w]->files) {
                if (shard_of(file.path, m_options.shard_count) != m_options.shard_index) continue;  // another shard's
                if (!planned.insert(file.path).second) continue;  // under two overlapping roots
                ++m_report.files;
                const auto it = m_state.find(file.path);
                IndexedFile* indexed = it == m_state.end() ? nullptr : &it->second;
                if (indexed) indexed->seen = true;
                const bool recheck = indexed && ((indexed->source.draft && !m_options.include_drafts) ||
                                                 (indexed->source.future && !m_rules[w].future));
                if (indexed && !reparse && !recheck && indexed->source.mtime_ns == file.mtime_ns &&
                    indexed->source.size == file.size) {
                    ++m_report.unchanged;
                    continue;
                }
                m_tasks.push_back({&file, indexed, &m_sites[w], &m_rules[w], reparse, recheck});
            }
        }
    }

    FileResult process(DocumentBuilder& builder, const Task& task) const {
        FileResult result;
        const std::string& path = task.file->path;
        PostFile file = read_post_file(*task.file, m_options.max_file_size);
        result.source = file.source;
        switch (file.status) {
            case ReadStatus::vanished:
                result.outcome = Outcome::vanished;
                result.message = {path, 0, "deleted while the run was reading the folder"};
                return result;
            case ReadStatus::unreadable:
                result.outcome = Outcome::error;
                result.message = {path, 0, file.problem};
                return result;
            case ReadStatus::too_big:
                result.outcome = Outcome::skipped;
                result.message = {path, 0,
                                  "skipped: " + std::to_string(file.source.size) + " bytes is over the limit of " +
                                      std::to_string(m_options.max_file_size) + " (max_file_size in idx.yaml)"};
                result.warnings.push_back(result.message);
                return result;
            case ReadStatus::ok:
                break;
        }
        if (task.indexed && !task.reparse && !task.recheck &&
            task.indexed->source.content_hash == file.source.content_hash) {
            result.outcome = Outcome::same_content;
            return result;
        }
        ParseOptions parse_options = m_parse_options;
        parse_options.site = task.site;
        // The site's `lang:` when the run names none (idx.yaml's language comes after both).
        if (parse_options.site_language.empty() && task.site) parse_options.site_language = task.site->config.lang;
        ParseResult parsed = parse_post(path, file.content, parse_options);
        for (FileMessage& w : parsed.warnings) result.warnings.push_back(std::move(w));
        switch (parsed.status) {
            case ParseStatus::error:
                result.outcome = Outcome::error;
                result.message = std::move(parsed.error);
                return result;
            case ParseStatus::not_a_post:
                result.outcome = Outcome::skipped;
                result.message = {path, 0, std::move(parsed.skip_reason)};
                return result;
            case ParseStatus::draft:
            case ParseStatus::post:
                break;
        }
        if (!apply_publishing_rules(parsed.post, *task.rules, file.source, result)) return result;
        result.outcome = Outcome::indexed;
        result.built = builder.build(parsed.post, file.source);
        if (result.built.body_cut_after_words)
            result.warnings.push_back({path, 0,
                                       "only the first " + std::to_string(*result.built.body_cut_after_words) +
                                           " words are searchable: a post may have at most " +
                                           std::to_string(DocumentBuilder::kMaxPostTerms) + " distinct words and " +
                                           std::to_string(DocumentBuilder::kMaxPostWords) +
                                           " words (see docs/RELIABILITY.md)"});
        return result;
    }

    // Jekyll's rules (publishing.hpp): false, with the result a skip, when
    // the post is left out; else the source record notes a draft or future
    // post indexed by request, so a run without the request removes it.
    bool apply_publishing_rules(const Post& post, const SiteRules& rules, SourceRecord& source,
                                FileResult& result) const {
        switch (publication(post, rules.clock)) {
            case Publication::draft:
                if (m_options.include_drafts) {
                    source.draft = true;
                    return true;
                }
                result.outcome = Outcome::skipped;
                result.message = {post.path, 0,
                                  std::string(post.draft ? "draft (published: false)" : "draft (in a _drafts folder)") +
                                      "; use --include-drafts to index it"};
                return false;
            case Publication::future:
                if (rules.future) {
                    source.future = true;
                    return true;
                }
                result.outcome = Outcome::skipped;
                result.message = {post.path, 0,
                                  "dated " + to_iso8601(*post.date) +
                                      ", after now: indexed by the first run after that date (future: true in "
                                      "_config.yml or idx.yaml indexes it now)"};
                return false;
            case Publication::published:
                return true;
        }
        return true;
    }

    // A failed file is reported once per change: when the index remembers
    // the same failure for the same size and mtime, that run reported it.
    void record_failure(FileMessage message, const FileEntry& file) {
        FailureRecord failure{message.path, file.mtime_ns, file.size, message.line, message.message};
        const auto known = m_known_failures.find(message.path);
        const bool reported_before = known != m_known_failures.end() && known->second.mtime_ns == file.mtime_ns &&
                                     known->second.size == file.size;
        (reported_before ? m_report.still_failing : m_report.errors).push_back(std::move(message));
        m_failures_now.push_back(std::move(failure));
    }

    void apply(FileResult& result, const Task& task) {
        for (FileMessage& w : result.warnings) m_report.warnings.push_back(std::move(w));
        switch (result.outcome) {
            case Outcome::indexed:
                if (result.source.size >= m_options.alone_bytes)
                    store_alone(result, task);
                else
                    store(result, task);
                break;
            case Outcome::same_content: {
                // Touched but not changed: remember the new mtime so the next
                // run does not read the file again; the terms stay as they are.
                Xapian::Document doc = m_db.get_document(task.indexed->docid);
                result.source.draft = task.indexed->source.draft;
                result.source.future = task.indexed->source.future;
                doc.add_value(schema::slot::source, encode_source(result.source));
                m_db.replace_document(task.indexed->docid, doc);
                ++m_report.unchanged;
                break;
            }
            case Outcome::skipped:
            case Outcome::vanished:
                ++m_report.skipped;
                m_report.skips.push_back(std::move(result.message));
                if (task.indexed) remove(*task.indexed);
                break;
            case Outcome::error:
                record_failure(std::move(result.message), *task.file);  // the old document stays
                break;
        }
        if (++m_pending_writes >= m_options.commit_every || m_pending_bytes >= m_options.commit_bytes ||
            m_pending_terms >= m_options.commit_terms)
            commit();
    }

    void store(const FileResult& result, const Task& task) {
        // A path the index does not know needs no lookup of its id term,
        // unless documents of an older format may hide behind it.
        if (task.indexed == nullptr && !m_report.reindexed_all)
            m_db.add_document(result.built.document);
        else
            m_db.replace_document(result.built.unique_term, result.built.document);
        ++(task.indexed ? m_report.updated : m_report.added);
        m_pending_bytes += result.source.size;
        m_pending_terms += result.built.document.termlist_count();
    }

    // A large post is stored in a transaction of its own: beginning it
    // commits the batch before, so when Xapian runs out of memory holding
    // the post's postings, the transaction drops this post only (its old
    // document, if any, stays), the post is named, and the run goes on.
    void store_alone(FileResult& result, const Task& task) {
        m_db.begin_transaction();
        reset_pending();
        const std::size_t added = m_report.added;
        const std::size_t updated = m_report.updated;
        bool committing = false;
        try {
            store(result, task);
            committing = true;
            m_db.commit_transaction();  // on failure, it has dropped the transaction itself
            reset_pending();
        } catch (const std::bad_alloc&) {
            if (!committing) m_db.cancel_transaction();
            reset_pending();
            m_report.added = added;
            m_report.updated = updated;
            record_failure({task.file->path, 0,
                            "not indexed: out of memory while storing it (" + std::to_string(result.source.size) +
                                " bytes; see the memory bound in docs/RELIABILITY.md)"},
                           *task.file);
        }
    }

    // A post the system has no memory for is named and skipped; the run goes on.
    FileResult process_within_memory(DocumentBuilder& builder, const Task& task) const {
        try {
            return process(builder, task);
        } catch (const std::bad_alloc&) {
            FileResult result;
            result.outcome = Outcome::error;
            result.message = {
                task.file->path, 0,
                "not indexed: out of memory while reading it (see the memory bound in docs/RELIABILITY.md)"};
            return result;
        }
    }

    void index_files(Clock::time_point started) {
        unsigned jobs = m_options.jobs ? m_options.jobs : std::max(1u, std::thread::hardware_concurrency());
        std::vector<std::unique_ptr<DocumentBuilder>> builders;
        for (unsigned j = 0; j < jobs; ++j) builders.push_back(std::make_unique<DocumentBuilder>(m_options.settings));
        const std::size_t total = m_report.files;
        const std::size_t already_done = total - m_tasks.size();
        run_ordered_settled<FileResult>(
            m_tasks.size(), jobs, std::size_t{jobs} * 64, m_options.in_flight_bytes,
            [&](std::size_t i) { return m_tasks[i].file->size; },
            [&](std::size_t i, const FileResult& result) {
                return std::max<std::uint64_t>(m_tasks[i].file->size, document_memory(result.built.document));
            },
            [&](unsigned worker, std::size_t i) { return process_within_memory(*builders[worker], m_tasks[i]); },
            // Taken as FileResult&&: the built document is freed by a parse thread.
            [&](std::size_t i, FileResult&& result) {
                apply(result, m_tasks[i]);
                if (m_options.on_progress)
                    m_options.on_progress(
                        {already_done + i + 1, total, std::chrono::duration<double>(Clock::now() - started).count()});
            });
    }

    void remove(const IndexedFile& indexed) {
        m_db.delete_document(indexed.docid);
        ++m_report.removed;
        if (++m_pending_writes >= m_options.commit_every) commit();
    }

    void prune(const std::vector<std::shared_ptr<const WalkResult>>& walks) {
        if (!m_options.prune && !m_report.reindexed_all) return;
        std::vector<std::string> protected_folders;
        for (const auto& walk : walks)
            protected_folders.insert(protected_folders.end(), walk->unlisted_folders.begin(),
                                     walk->unlisted_folders.end());
        for (const auto& [path, indexed] : m_state) {
            if (indexed.seen) continue;
            const bool under_walked_root = std::any_of(m_report.roots.begin(), m_report.roots.end(),
                                                       [&](const std::string& root) { return is_under(path, root); });
            const bool protected_path = std::any_of(protected_folders.begin(), protected_folders.end(),
                                                    [&](const std::string& folder) { return is_under(path, folder); });
            // After a settings change, documents outside every root are stale too.
            if ((under_walked_root && !protected_path) || (m_report.reindexed_all && !under_walked_root))
                remove(indexed);
        }
    }

    // The failures of this run, and those remembered from files this run did
    // not walk (outside its roots, or under a folder it could not list).
    void record_failures() {
        std::vector<FailureRecord> kept = std::move(m_failures_now);
        std::set<std::string> failing_now;
        for (const FailureRecord& failure : kept) failing_now.insert(failure.path);
        for (auto& [path, failure] : m_known_failures) {
            if (failing_now.count(path) > 0) continue;
            const bool walked = std::any_of(m_report.roots.begin(), m_report.roots.end(),
                                            [&](const std::string& root) { return is_under(path, root); });
            const bool unlisted = std::any_of(m_unlisted.begin(), m_unlisted.end(),
                                              [&](const std::string& folder) { return is_under(path, folder); });
            if (!walked || unlisted) kept.push_back(failure);
        }
        std::sort(kept.begin(), kept.end(),
                  [](const FailureRecord& a, const FailureRecord& b) { return a.path < b.path; });
        m_db.set_metadata(std::string(schema::metadata::failures), encode_failures(kept));
    }

    void record_run(const std::string& fingerprint, Clock::time_point started) {
        std::set<std::string> roots = m_recorded;
        roots.insert(m_report.roots.begin(), m_report.roots.end());
        m_db.set_metadata(std::string(schema::metadata::roots), encode_roots({roots.begin(), roots.end()}));
        m_db.set_metadata(std::string(schema::metadata::fingerprint), fingerprint);
        for (const Site& site : m_sites) m_recorded_sites[site.root] = site_fingerprint(site.config);
        // A folder name that is not UTF-8 is recorded with U+FFFD: its site is read again next run.
        m_db.set_metadata(std::string(schema::metadata::sites),
                          m_recorded_sites.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        m_db.set_metadata(std::string(schema::metadata::schema_version), std::to_string(schema::kVersion));
        m_db.set_metadata(std::string(schema::metadata::idx_version), std::string(kVersion));
        m_db.set_metadata(std::string(schema::metadata::language), m_options.settings.language);
        m_db.set_metadata(std::string(schema::metadata::stop_words),
                          join_lines(effective_stop_words(m_options.settings)));
        m_report.documents = m_db.get_doccount();
        m_report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        m_db.set_metadata(std::string(schema::metadata::last_run), encode_run(run_record(m_report)));
        commit();
    }

    void commit() {
        m_db.commit();
        reset_pending();
    }

    void reset_pending() {
        m_pending_writes = 0;
        m_pending_bytes = 0;
        m_pending_terms = 0;
    }

    const SyncOptions& m_options;
    SyncReport& m_report;
    WritableIndex& m_index;  // the database and idx's writer lock, held for the run
    Xapian::WritableDatabase& m_db = m_index.db;
    ParseOptions m_parse_options;
    std::int64_t m_now;  // the run's time, for the publishing rules
    IndexState m_state;
    std::set<std::string> m_recorded;                                 // roots of earlier runs
    std::unordered_map<std::string, FailureRecord> m_known_failures;  // as the last run left them
    std::vector<FailureRecord> m_failures_now;
    std::vector<std::string> m_unlisted;  // folders this run could not list
    std::vector<Task> m_tasks;
    std::vector<Site> m_sites;         // one per root walked, in the order of the walks
    std::vector<bool> m_site_changed;  // per root: its site's settings differ from the last run's
    std::vector<SiteRules> m_rules;    // per root: its site's publishing rules
    nlohmann::json m_recorded_sites;   // site folder -> fingerprint, as the database records it
    std::size_t m_pending_writes = 0;
    std::uint64_t m_pending_bytes = 0;  // post bytes stored since the last commit
    std::uint64_t m_pending_terms = 0;  // distinct terms of each document stored since, summed
};

}  // namespace

RunRecord run_record(const SyncReport& report) {
    RunRecord run;
    run.time = utc_iso8601(std::time(nullptr));
    run.added = report.added;
    run.updated = report.updated;
    run.removed = report.removed;
    run.unchanged = report.unchanged;
    run.skipped = report.skipped;
    run.errors = report.errors.size();
    run.milliseconds = static_cast<std::uint64_t>(report.seconds * 1000 + 0.5);
    return run;
}

SyncReport sync(const SyncOptions& options) {
    WritableIndex index = open_for_writing(options.db_path, options.wait_for_lock);
    return sync(options, index);
}

SyncReport sync(const SyncOptions& options, WritableIndex& index) {
    SyncReport report;
    try {
        SyncRun(options, report, index).run();
    } catch (const Xapian::DatabaseError& e) {
        throw Error("cannot write the database " + options.db_path + ": " + e.get_description() +
                        "; it still holds what its last commit held",
                    ExitCode::io);
    }
    return report;
}

}  // namespace idx::indexer
