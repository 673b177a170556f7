import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseWindow } from '../../common/time/window.js';
import { ROOM_SESSIONS_SQL } from '../bookings/booking.sql.js';
import { isUniqueViolation } from '../users/users.service.js';
import type {
  CreateEquipmentDto,
  CreateLocationDto,
  CreateRoomDto,
  EquipmentResponse,
  LocationResponse,
  LocationScheduleResponse,
  RoomResponse,
  ScheduleQueryDto,
  UpdateLocationDto,
} from './dto/location.dto.js';
import { locationErrors } from './locations.errors.js';

interface LocationRow {
  id: string;
  name: string;
  address: string;
  timezone: string;
}

const toEquipment = (kind: string, name: string, ids: string[]): EquipmentResponse => ({
  kind,
  name,
  quantity: ids.length,
  units: ids.map((id, index) => ({ id, name: ids.length > 1 ? `${name} #${index + 1}` : name })),
});

const toLocation = (row: LocationRow): LocationResponse => ({
  id: row.id,
  name: row.name,
  address: row.address,
  timezone: row.timezone,
});

/** Locations, their rooms and their equipment (owns `locations`, `rooms`, `equipment_units`). */
@Injectable()
export class LocationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<LocationResponse[]> {
    const rows: LocationRow[] = await this.dataSource.query(
      `SELECT id, name, address, timezone FROM locations ORDER BY name, id`,
    );
    return rows.map(toLocation);
  }

  async create(dto: CreateLocationDto): Promise<LocationResponse> {
    const [row]: LocationRow[] = await this.dataSource.query(
      `INSERT INTO locations (name, address, timezone) VALUES ($1, $2, $3)
       RETURNING id, name, address, timezone`,
      [dto.name, dto.address, dto.timezone],
    );
    return toLocation(row);
  }

  async update(id: string, dto: UpdateLocationDto): Promise<LocationResponse> {
    const [[row]]: [LocationRow[], number] = await this.dataSource.query(
      `UPDATE locations
          SET name = coalesce($2, name), address = coalesce($3, address),
              timezone = coalesce($4, timezone), updated_at = now()
        WHERE id = $1 RETURNING id, name, address, timezone`,
      [id, dto.name ?? null, dto.address ?? null, dto.timezone ?? null],
    );
    if (!row) throw locationErrors.notFound();
    return toLocation(row);
  }

  /** 404 unless the location exists (a therapist's home, a window's place). */
  async requireLocation(manager: EntityManager, id: string): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM locations WHERE id = $1`, [id]);
    if (!row) throw locationErrors.notFound();
  }

  async rooms(locationId: string): Promise<RoomResponse[]> {
    await this.requireLocation(this.dataSource.manager, locationId);
    return this.dataSource.query(
      `SELECT id, name, features FROM rooms WHERE location_id = $1 ORDER BY name, id`,
      [locationId],
    );
  }

  async addRoom(locationId: string, dto: CreateRoomDto): Promise<RoomResponse> {
    await this.requireLocation(this.dataSource.manager, locationId);
    try {
      const [room]: RoomResponse[] = await this.dataSource.query(
        `INSERT INTO rooms (location_id, name, features) VALUES ($1, $2, $3)
         RETURNING id, name, features`,
        [locationId, dto.name, [...dto.features].sort()],
      );
      return room;
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_rooms_location_name')) throw locationErrors.roomNameTaken();
      throw error;
    }
  }

  /** Equipment by kind and name, each with its units (numbered in the order they came). */
  async equipment(locationId: string): Promise<EquipmentResponse[]> {
    await this.requireLocation(this.dataSource.manager, locationId);
    const rows: { kind: string; name: string; ids: string[] }[] = await this.dataSource.query(
      `SELECT kind, name, array_agg(id ORDER BY created_at, id) AS ids
         FROM equipment_units WHERE location_id = $1
        GROUP BY kind, name ORDER BY kind, name`,
      [locationId],
    );
    return rows.map((row) => toEquipment(row.kind, row.name, row.ids));
  }

  /** `quantity` units of a kind, each claimable on its own. */
  async addEquipment(locationId: string, dto: CreateEquipmentDto): Promise<EquipmentResponse> {
    await this.requireLocation(this.dataSource.manager, locationId);
    await this.dataSource.query(
      `INSERT INTO equipment_units (location_id, kind, name)
       SELECT $1, $2, $3 FROM generate_series(1, $4::int)`,
      [locationId, dto.kind, dto.name, dto.quantity],
    );
    const all = await this.equipment(locationId);
    return all.find((group) => group.kind === dto.kind && group.name === dto.name)!;
  }

  /** The location's rooms as columns of a day view: each with its live sessions in the window. */
  async schedule(locationId: string, query: ScheduleQueryDto): Promise<LocationScheduleResponse> {
    const { from, to } = parseWindow(query, {
      defaultFrom: Date.now(),
      defaultDays: 1,
      maxDays: 14,
    });
    const [location]: LocationRow[] = await this.dataSource.query(
      `SELECT id, name, address, timezone FROM locations WHERE id = $1`,
      [locationId],
    );
    if (!location) throw locationErrors.notFound();
    const rooms: (RoomResponse & { sessions: Record<string, unknown>[] })[] =
      await this.dataSource.query(
        `SELECT id, name, features FROM rooms WHERE location_id = $1 ORDER BY name, id`,
        [locationId],
      );
    const sessions: {
      room_id: string;
      id: string;
      starts_at: Date;
      ends_at: Date;
      status: string;
      therapist_id: string;
      therapist_name: string;
      session_name: string;
    }[] = await this.dataSource.query(ROOM_SESSIONS_SQL, [
      locationId,
      new Date(from),
      new Date(to),
    ]);
    return {
      location: toLocation(location),
      rooms: rooms.map((room) => ({
        ...room,
        sessions: sessions
          .filter((session) => session.room_id === room.id)
          .map((session) => ({
            id: session.id,
            startsAt: session.starts_at.toISOString(),
            endsAt: session.ends_at.toISOString(),
            status: session.status,
            therapistId: session.therapist_id,
            therapistName: session.therapist_name,
            sessionName: session.session_name,
          })),
      })),
    };
  }
}
