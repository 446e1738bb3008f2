"""No models of its own: the module is here so that `migrate` sends core its post_migrate signal, on
which core/write_version.py installs the write counter (Django skips apps without a models module)."""
