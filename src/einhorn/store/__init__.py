"""Storage: SQLAlchemy 2 Core tables, repositories, unit of work and Alembic migrations."""
