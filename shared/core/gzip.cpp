#include "shared/core/gzip.h"

#include <zlib.h>

namespace nastavnik {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 15: the largest window; +16: a gzip header

}  // namespace

Result<std::string> gzip(std::string_view data, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status::Internal("zlib could not start compressing");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Internal("zlib could not compress the data");
  return out;
}

Result<std::string> gunzip(std::string_view gz, size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) return Status::Internal("zlib could not start decompressing");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      return Status::Corruption("the compressed data grows beyond " + std::to_string(max_bytes) + " bytes");
    }
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Corruption("the data is not a whole gzip stream");
  return out;
}

}  // namespace nastavnik
