#include "query/reader.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/schema.hpp"
#include "common/stop_words.hpp"

namespace idx::query {
namespace {

// Xapian opens a path of unknown kind by guessing: a file, or a folder with
// a XAPIANDB file, is a stub whose lines may say `remote :PROGRAM` (started
// at once) or `remote HOST:PORT` (a connection). A database named by a
// cloned site's idx.yaml must never do either, so idx opens only a folder
// holding a glass database, with the glass backend named explicitly.
void check_local_database_folder(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            throw Error("there is no index at " + path + " yet: run `idx add FOLDER` first (or give --db DIR)");
        // Not "no index yet": the folder may well hold one that this user cannot reach.
        throw Error("cannot read the index at " + path + ": " + std::strerror(errno), ExitCode::io);
    }
    if (!S_ISDIR(st.st_mode))
        throw Error(path + " is a file, not an index folder: idx opens only database folders it made "
                           "(never Xapian stub files)");
    const std::string version_file = path + "/iamglass";
    if (::stat(version_file.c_str(), &st) == 0) return;
    if (errno != ENOENT) throw Error("cannot read the index at " + path + ": " + std::strerror(errno), ExitCode::io);
    const std::string stub_file = path + "/XAPIANDB";
    if (::stat(stub_file.c_str(), &st) == 0)
        throw Error(path + " is a Xapian stub folder, not an index: idx opens only database folders it made");
    throw Error(path + " holds no index: run `idx add FOLDER` first (or give --db DIR)");
}

}  // namespace

Xapian::Database open_for_reading(const std::string& path) {
    check_local_database_folder(path);
    try {
        return Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw Error(path + " holds no index: run `idx add FOLDER` first (or give --db DIR)");
    } catch (const Xapian::DatabaseError& e) {
        throw Error("cannot open the index at " + path + ": " + e.get_description(), ExitCode::io);
    }
}

DatabaseIdentity database_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    DatabaseIdentity id{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino), 0};
    if (::stat((path + "/postlist.glass").c_str(), &st) == 0) id.table_inode = static_cast<std::uint64_t>(st.st_ino);
    return id;
}

IndexLanguage read_index_language(const Xapian::Database& db) {
    IndexLanguage out;
    const std::string language = db.get_metadata(std::string(schema::metadata::language));
    if (!language.empty()) out.language = language;
    const std::string words = db.get_metadata(std::string(schema::metadata::stop_words));
    if (words.empty()) {
        out.stop_words = builtin_stop_words(out.language);
        return out;
    }
    out.stop_words = split_lines(words);
    return out;
}

}  // namespace idx::query
