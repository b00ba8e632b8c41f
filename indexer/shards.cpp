#include "indexer/shards.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <tuple>

#include "common/error.hpp"
#include "common/local_database.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "indexer/shared_walks.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;

// What a database folder holds now.
struct FolderLayout {
    bool single = false;                  // the files of one glass database
    bool record = false;                  // a shard record
    std::vector<std::string> shard_dirs;  // shard0, shard1, ... as found
    bool empty() const { return !single && !record && shard_dirs.empty(); }
};

bool is_shard_dir(const std::string& db, std::string_view name) {
    const std::string_view prefix = schema::layout::shard_folder;
    if (!name.starts_with(prefix) || name.size() == prefix.size()) return false;
    if (name.substr(prefix.size()).find_first_not_of("0123456789") != std::string_view::npos) return false;
    struct stat st {};
    return ::stat((db + "/" + std::string(name)).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Throws idx::Error (usage) for a folder that holds anything idx did not
// put there: idx never deletes what it did not make.
FolderLayout read_layout(const std::string& db) {
    FolderLayout layout;
    struct stat st {};
    if (::stat(db.c_str(), &st) != 0) {
        if (errno == ENOENT) return layout;
        throw Error("cannot use the database folder " + db + ": " + std::strerror(errno), ExitCode::io);
    }
    if (!S_ISDIR(st.st_mode))
        throw Error(db + " is a file, not a database folder: give --db a new or empty folder, or an index");
    DIR* dir = ::opendir(db.c_str());
    if (dir == nullptr)
        throw Error("cannot read the database folder " + db + ": " + std::strerror(errno), ExitCode::io);
    std::string stranger;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        if (name == schema::layout::shard_record)
            layout.record = true;
        else if (is_shard_dir(db, name))
            layout.shard_dirs.emplace_back(name);
        else if (is_database_file(name))
            layout.single = true;
        else if (stranger.empty())
            stranger = name;
    }
    ::closedir(dir);
    if (!stranger.empty())
        throw Error(db + " holds other files (" + stranger +
                    ") and is not an idx database: give --db a new or empty folder, or an index");
    std::sort(layout.shard_dirs.begin(), layout.shard_dirs.end());
    return layout;
}

// How many databases the folder holds: 0 for none; for shard folders
// without a record (a rebuild that was stopped), their number. A damaged
// record throws, unless a number of shards was given: then it is rebuilt.
unsigned current_count(const std::string& db, const FolderLayout& layout, bool rebuilding) {
    if (layout.record) {
        try {
            return read_shard_count(db).value_or(0);
        } catch (const Error&) {
            if (!rebuilding) throw;
            return 0;
        }
    }
    if (!layout.shard_dirs.empty()) return static_cast<unsigned>(layout.shard_dirs.size());
    return layout.single ? 1 : 0;
}

void remove_or_throw(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) throw Error("cannot delete " + path.string() + " to rebuild the index: " + ec.message(), ExitCode::io);
}

// Deletes the databases of the folder, the record first: a run stopped
// half-way leaves shard folders without a record, which the next run
// deletes too.
void clear_layout(const std::string& db, const FolderLayout& layout) {
    if (layout.record) remove_or_throw(shard_record_path(db));
    for (const std::string& dir : layout.shard_dirs) remove_or_throw(fs::path(db) / dir);
    if (!layout.single) return;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(db, ec))
        if (is_database_file(entry.path().filename().string())) remove_or_throw(entry.path());
    if (ec) throw Error("cannot read the database folder " + db + ": " + ec.message(), ExitCode::io);
}

// The folders the databases being replaced had recorded: the rebuild
// indexes them again, so that `idx add --shards N` alone, or with one new
// folder, keeps every post the index held. None when nothing can be read.
std::vector<std::string> recorded_roots(const std::string& db, const FolderLayout& layout) {
    std::string folder = db;
    if (!layout.shard_dirs.empty()) folder = (fs::path(db) / layout.shard_dirs.front()).string();
    if (!layout.single && layout.shard_dirs.empty()) return {};
    try {
        const Xapian::Database old = open_for_reading(folder);
        return decode_roots(old.get_metadata(std::string(schema::metadata::roots)));
    } catch (const Error&) {
        return {};  // damaged or half made: the roots given are all there is
    } catch (const Xapian::Error&) {
        return {};
    }
}

void write_record(const std::string& db, unsigned count) {
    const std::string file = shard_record_path(db);
    const std::string temporary = file + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << encode_shard_record(count);
        out.flush();
        if (!out) throw Error("cannot write the shard record " + temporary, ExitCode::io);
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) throw Error("cannot write the shard record " + file + ": " + ec.message(), ExitCode::io);
}

bool message_less(const FileMessage& a, const FileMessage& b) {
    return std::tie(a.path, a.line, a.message) < std::tie(b.path, b.line, b.message);
}

void merge_messages(std::vector<FileMessage>& out, std::vector<FileMessage>&& more) {
    for (FileMessage& m : more) out.push_back(std::move(m));
}

void sort_unique(std::vector<FileMessage>& messages) {
    std::stable_sort(messages.begin(), messages.end(), message_less);
    messages.erase(std::unique(messages.begin(), messages.end(),
                               [](const FileMessage& a, const FileMessage& b) {
                                   return !message_less(a, b) && !message_less(b, a);
                               }),
                   messages.end());
}

// The shards' runs, each on a thread of its own, with the progress of all
// reported together on the thread that happens to report.
std::vector<SyncReport> run_shards(const SyncOptions& options, std::vector<WritableIndex>& indexes) {
    const unsigned count = static_cast<unsigned>(indexes.size());
    const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::vector<SyncReport> reports(count);
    std::vector<std::exception_ptr> failures(count);
    std::vector<SyncProgress> progress(count);
    std::mutex progress_mutex;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    const auto walks = std::make_shared<SharedWalks>(WalkOptions{options.follow_symlinks});
    for (unsigned i = 0; i < count; ++i) {
        SyncOptions shard = options;
        shard.shared_walks = walks;
        shard.db_path = shard_folder(options.db_path, i);
        shard.shard_count = count;
        shard.shard_index = i;
        shard.jobs = std::max(1u, jobs / count);
        // The memory bound (docs/RELIABILITY.md) holds for the run, not per shard.
        shard.in_flight_bytes = std::max<std::uint64_t>(1, options.in_flight_bytes / count);
        shard.commit_bytes = std::max<std::uint64_t>(1, options.commit_bytes / count);
        shard.commit_terms = std::max<std::uint64_t>(1, options.commit_terms / count);
        if (options.on_progress)
            shard.on_progress = [&, i](const SyncProgress& p) {
                std::lock_guard lock(progress_mutex);
                progress[i] = p;
                SyncProgress all;
                for (const SyncProgress& one : progress) {
                    all.done += one.done;
                    all.total += one.total;
                }
                all.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                options.on_progress(all);
            };
        threads.emplace_back([&, i, shard = std::move(shard)] {
            try {
                reports[i] = sync(shard, indexes[i]);
            } catch (...) {
                failures[i] = std::current_exception();
            }
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
    return reports;
}

}  // namespace

SyncReport merge_shard_reports(std::vector<SyncReport> reports) {
    SyncReport all;
    all.shards = static_cast<unsigned>(reports.size());
    std::vector<std::string> roots;
    for (SyncReport& r : reports) {
        all.files += r.files;
        all.added += r.added;
        all.updated += r.updated;
        all.unchanged += r.unchanged;
        all.skipped += r.skipped;
        all.removed += r.removed;
        all.documents += r.documents;
        all.reindexed_all = all.reindexed_all || r.reindexed_all;
        all.seconds = std::max(all.seconds, r.seconds);
        merge_messages(all.errors, std::move(r.errors));
        merge_messages(all.still_failing, std::move(r.still_failing));
        merge_messages(all.missing_roots, std::move(r.missing_roots));
        merge_messages(all.warnings, std::move(r.warnings));
        merge_messages(all.skips, std::move(r.skips));
        roots.insert(roots.end(), r.roots.begin(), r.roots.end());
    }
    for (auto* messages : {&all.errors, &all.still_failing, &all.missing_roots, &all.warnings, &all.skips})
        sort_unique(*messages);
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    all.roots = std::move(roots);
    return all;
}

// A shard written alone would take every post, not its own: refused.
void refuse_a_shard(const std::string& db) {
    fs::path path = fs::path(db).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (!is_shard_dir(parent.string(), path.filename().string()) || !read_shard_count(parent.string())) return;
    throw Error(db + " is a shard of the sharded folder " + parent.string() +
                ": idx add writes all its shards at once (give --db " + parent.string() + ")");
}

SyncReport sync_shards(const SyncOptions& options, std::optional<unsigned> shards) {
    const std::string& db = options.db_path;
    if (db.empty()) throw Error("the database folder name is empty; give --db DIR");
    refuse_a_shard(db);
    std::error_code stub_error;
    if (fs::exists(fs::path(db) / "XAPIANDB", stub_error)) return sync(options);  // a replica: refused there, saying so
    FolderLayout layout = read_layout(db);
    unsigned now = current_count(db, layout, shards.has_value());
    const unsigned wanted = shards.value_or(now == 0 ? 1 : now);
    if (wanted == 1 && !layout.record && layout.shard_dirs.empty()) return sync(options);  // one database, as ever

    const auto started = std::chrono::steady_clock::now();
    unsigned resharded_from = 0;
    SyncOptions run = options;
    std::vector<WritableIndex> indexes;
    {
        std::error_code ec;
        fs::create_directories(db, ec);
        if (ec) throw Error("cannot create the database folder " + db + ": " + ec.message(), ExitCode::io);
        WriterLock folder_lock(db, options.wait_for_lock);
        layout = read_layout(db);  // as it is now that no other writer can change it
        now = current_count(db, layout, shards.has_value());
        if (now != wanted) {
            if (!layout.empty()) resharded_from = std::max(now, 1u);  // 1: a damaged record
            for (std::string& root : recorded_roots(db, layout))
                if (std::find(run.roots.begin(), run.roots.end(), root) == run.roots.end())
                    run.roots.push_back(std::move(root));
            clear_layout(db, layout);
            if (wanted > 1) write_record(db, wanted);
        }
        if (wanted > 1) {
            for (unsigned i = 0; i < wanted; ++i)
                indexes.push_back(open_for_writing(shard_folder(db, i), options.wait_for_lock));
            SyncReport report = merge_shard_reports(run_shards(run, indexes));
            report.resharded_from = resharded_from;
            report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            // Each shard recorded its own part of the run: every shard now
            // records the whole run, which is what `idx stats` shows.
            const std::string whole_run = encode_run(run_record(report));
            for (WritableIndex& index : indexes) {
                index.db.set_metadata(std::string(schema::metadata::last_run), whole_run);
                index.db.commit();
            }
            return report;
        }
    }
    // Back to one database: the folder's lock is released for sync() to take.
    SyncReport report = sync(run);
    report.resharded_from = resharded_from;
    return report;
}

}  // namespace idx::indexer
