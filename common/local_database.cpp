#include "common/local_database.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/replica_stub.hpp"

namespace idx {

namespace {

std::string read_stub(const std::string& stub_file) {
    std::ifstream in(stub_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw Error("cannot read " + stub_file + ": " + std::strerror(errno), ExitCode::io);
    return text.str();
}

}  // namespace

// Xapian opens a path of unknown kind by guessing: a file, or a folder with
// a XAPIANDB file, is a stub whose lines may say `remote :PROGRAM` (started
// at once) or `remote HOST:PORT` (a connection). A database named by a
// cloned site's idx.yaml must never do either, so idx opens only a folder
// holding a glass database, with the glass backend named explicitly.
// The one stub read is a replica's (common/replica_stub.hpp), and it leads
// only to a folder inside the replica folder.
std::string live_database_folder(const std::string& path) {
    const std::string stub_file = path + "/XAPIANDB";
    struct stat st {};
    if (::stat(stub_file.c_str(), &st) != 0) return path;
    if (const auto live = replica_live_copy(read_stub(stub_file))) return path + "/" + *live;
    throw Error(path +
                " is a Xapian stub folder, not an index: idx opens only database folders it made"
                " and replicas kept by xapian-replicate");
}

bool local_database_exists(const std::string& given) {
    struct stat st {};
    if (::stat(given.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return false;
        // Not "no index yet": the folder may well hold one that this user cannot reach.
        throw Error("cannot read the index at " + given + ": " + std::strerror(errno), ExitCode::io);
    }
    if (!S_ISDIR(st.st_mode))
        throw Error(given +
                    " is a file, not an index folder: idx opens only database folders it made "
                    "(never Xapian stub files)");
    const std::string path = live_database_folder(given);
    const std::string version_file = path + "/iamglass";
    if (::stat(version_file.c_str(), &st) == 0) return true;
    if (errno != ENOENT) throw Error("cannot read the index at " + path + ": " + std::strerror(errno), ExitCode::io);
    return false;
}

Xapian::Database open_for_reading(const std::string& path) {
    if (!local_database_exists(path))
        throw Error("there is no index at " + path + " yet: run `idx add FOLDER` first (or give --db DIR)");
    try {
        return Xapian::Database(live_database_folder(path), Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw Error(path + " holds no index: run `idx add FOLDER` first (or give --db DIR)");
    } catch (const Xapian::DatabaseError& e) {
        throw Error("cannot open the index at " + path + ": " + e.get_description(), ExitCode::io);
    }
}

}  // namespace idx
