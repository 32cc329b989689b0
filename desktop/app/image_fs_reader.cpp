#include "image_fs_reader.h"

#include "fs/ext4.h"
#include "host/image_device.h"

namespace sis::desktop {

namespace {

const char* type_of(fs::FileType t) {
  switch (t) {
    case fs::FileType::Regular: return "file";
    case fs::FileType::Directory: return "dir";
    case fs::FileType::Symlink: return "symlink";
    default: return "other";
  }
}

std::string why(Error e) { return error_name(e); }

}  // namespace

struct ImageFsReader::Impl {
  host::ImageDevice dev;
  fs::Ext4 ext4;
  bool open = false;

  // Walks `path` component by component (no symlinks followed: the image is only browsed).
  Result<u64> resolve(const std::string& path) {
    u64 ino = ext4.root_ino();
    size_t i = 0;
    while (i < path.size()) {
      while (i < path.size() && path[i] == '/') ++i;
      size_t j = path.find('/', i);
      if (j == std::string::npos) j = path.size();
      if (j > i) {
        auto r = ext4.lookup(ino, StrView(path.data() + i, j - i));
        if (!r.ok()) return r.error();
        ino = r.value();
      }
      i = j;
    }
    return ino;
  }
};

ImageFsReader::ImageFsReader() : impl_(std::make_unique<Impl>()) {}

ImageFsReader::~ImageFsReader() { close(); }

bool ImageFsReader::is_open() const { return impl_->open; }

void ImageFsReader::close() {
  if (impl_->open) (void)impl_->ext4.unmount();
  impl_->dev.close();
  impl_->open = false;
}

bool ImageFsReader::open(const std::string& image, std::string* error) {
  close();
  impl_ = std::make_unique<Impl>();
  if (Error e = impl_->dev.open(image.c_str(), true); e != Error::Ok) {
    *error = "cannot open " + image + ": " + why(e);
    return false;
  }
  fs::Ext4::Options opt;
  opt.read_only = true;
  opt.replay = false;  // browsing must not change the image
  opt.cache_buffers = 256;
  if (Error e = impl_->ext4.mount(&impl_->dev, opt); e != Error::Ok) {
    *error = image + " is not a readable ext4 image: " + why(e);
    impl_->dev.close();
    return false;
  }
  impl_->open = true;
  return true;
}

std::string ImageFsReader::summary() const {
  if (!impl_->open) return {};
  const fs::Ext4::Info i = impl_->ext4.info();
  std::string s = "ext4, " + std::to_string(i.block_size) + "-byte blocks, " + std::to_string(i.blocks) + " blocks";
  if (i.volume_name[0]) s = std::string("\"") + i.volume_name + "\", " + s;
  if (i.has_journal) s += ", journal";
  return s;
}

bool ImageFsReader::list(const std::string& dir, std::vector<ImageEntry>* out, std::string* error) {
  out->clear();
  if (!impl_->open) {
    *error = "no image open";
    return false;
  }
  auto ino = impl_->resolve(dir);
  if (!ino.ok()) {
    *error = dir + ": " + why(ino.error());
    return false;
  }
  u64 cookie = 0;
  fs::DirEntry e;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto r = impl_->ext4.readdir(ino.value(), &cookie, &e);
    if (!r.ok()) {
      *error = dir + ": " + why(r.error());
      return false;
    }
    if (!r.value()) break;
    std::string name(e.name, e.name_len);
    if (name == "." || name == "..") continue;
    ImageEntry ie;
    ie.name = name;
    ie.inode = e.ino;
    ie.type = type_of(e.type);
    if (auto st = impl_->ext4.getattr(e.ino); st.ok()) {
      ie.size = st.value().size;
      ie.mode = st.value().mode & 07777;
      ie.mtime = st.value().mtime;
      ie.type = type_of(st.value().type());
    }
    out->push_back(ie);
  }
  return true;
}

bool ImageFsReader::read(const std::string& path, uint64_t max_bytes, std::string* data, uint64_t* size,
                         std::string* error) {
  data->clear();
  auto ino = impl_->resolve(path);
  if (!ino.ok()) {
    *error = path + ": " + why(ino.error());
    return false;
  }
  auto st = impl_->ext4.getattr(ino.value());
  if (!st.ok()) {
    *error = path + ": " + why(st.error());
    return false;
  }
  if (st.value().type() == fs::FileType::Directory) {
    *error = path + ": is a directory";
    return false;
  }
  *size = st.value().size;
  const uint64_t want = std::min<uint64_t>(max_bytes, st.value().size);
  data->resize(want);
  uint64_t off = 0;
  while (off < want) {
    auto r = impl_->ext4.read(ino.value(), off, data->data() + off, want - off);
    if (!r.ok()) {
      *error = path + ": " + why(r.error());
      return false;
    }
    if (r.value() == 0) break;
    off += r.value();
  }
  data->resize(off);
  return true;
}

}  // namespace sis::desktop
