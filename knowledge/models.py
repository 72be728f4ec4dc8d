"""Database tables for the catalogue (SQLAlchemy 1.4, written in the 2.0 style).

SQLAlchemy 1.4 has no `mapped_column`; `Mapped[...]` annotations on `Column`s give the same typed models and
carry over unchanged to 2.0.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, declarative_base

Base = declarative_base()


class ProgrammeRow(Base):
    __tablename__ = "programmes"

    id: Mapped[str] = Column(String(80), primary_key=True)
    title: Mapped[str] = Column(String(300), nullable=False)
    route_type: Mapped[str] = Column(String(40), nullable=False, index=True)
    status: Mapped[str] = Column(String(20), nullable=False)
    position: Mapped[int] = Column(Integer, nullable=False)
    # The whole checked entry as JSON: the engine reads programmes as one unit, never column by column.
    payload: Mapped[str] = Column(Text, nullable=False)


class Meta(Base):
    """Facts about the loaded catalogue, such as the fingerprint of the data and code it was built from."""
    __tablename__ = "catalogue_meta"

    key: Mapped[str] = Column(String(40), primary_key=True)
    value: Mapped[str] = Column(Text, nullable=False)


class PostcodeDistrict(Base):
    """One UK postcode district and where its postcodes are (knowledge/postcodes.py reads and writes it)."""
    __tablename__ = "postcode_districts"

    outward: Mapped[str] = Column(String(4), primary_key=True)            # "E17"
    boroughs: Mapped[str] = Column(Text, nullable=False)                  # "|"-joined names, most postcodes first
    outside: Mapped[bool] = Column(Boolean, nullable=False)               # some postcodes are outside London
    units: Mapped[bytes] = Column(LargeBinary, nullable=False)            # zlib: one byte per possible inward code
