"""common.database_url: a child process reaches its parent's database by this URL."""

from common.database_url import database_url


def test_a_unix_socket_database_without_a_password():
    settings = {"USER": "tsunagu", "PASSWORD": "", "HOST": "", "PORT": "", "NAME": "test_x",
                "OPTIONS": {"host": "/work/.pgdata/run"}}  # fmt: skip
    assert database_url(settings) == "postgres://tsunagu@/test_x?host=/work/.pgdata/run"


def test_a_tcp_database_with_a_password_and_port():
    settings = {"USER": "app", "PASSWORD": "pw", "HOST": "db.example", "PORT": "5433",
                "NAME": "tsunagu"}  # fmt: skip
    assert database_url(settings) == "postgres://app:pw@db.example:5433/tsunagu"


def test_no_user_and_the_default_port():
    settings = {"USER": "", "PASSWORD": "", "HOST": "localhost", "PORT": "", "NAME": "t"}
    assert database_url(settings) == "postgres://localhost/t"
