"""Where tasks write files: the file system by default, S3-compatible object storage when
GJ_STORAGE=s3 (django-storages), configured by environment variables."""

from tests.core.test_settings import manage

SHOW = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, getattr(s, 'bucket_name', ''), getattr(s, 'endpoint_url', ''))"
)


def test_files_go_to_the_file_system_by_default(tmp_path):
    result = manage("shell", "-c", SHOW, MEDIA_ROOT=str(tmp_path), GJ_STORAGE="filesystem")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[0] == "FileSystemStorage"


def test_s3_compatible_storage_is_configured_from_the_environment():
    result = manage(
        "shell",
        "-c",
        SHOW,
        GJ_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="gj-files",
        AWS_S3_ENDPOINT_URL="http://minio.internal:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "S3Storage",
        "gj-files",
        "http://minio.internal:9000",
    ]


def test_an_unknown_storage_stops_start_up():
    result = manage("check", GJ_STORAGE="ftp")
    assert result.returncode != 0 and "GJ_STORAGE" in result.stderr
